/** Signs in through the real guest provider: the user token and identity. */
export async function guestSignIn(
  baseUrl: string,
): Promise<{ token: string; ownershipEntityRefs: string[] }> {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    method: 'POST',
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) {
    throw new Error(`guest sign-in failed: ${res.status} ${await res.text()}`);
  }
  const body = await res.json();
  return {
    token: body.backstageIdentity.token,
    ownershipEntityRefs: body.backstageIdentity.identity.ownershipEntityRefs,
  };
}

/** Signs in through the real guest provider and returns the user token. */
export async function guestToken(baseUrl: string): Promise<string> {
  return (await guestSignIn(baseUrl)).token;
}
