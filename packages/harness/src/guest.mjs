// @ts-check
/*
 * The first calls on a freshly started portal of the embedded default: sign
 * in as the guest, and wait until the catalog has the demo organisation.
 */

/**
 * Signs in through the real guest provider: the user token and identity.
 * @param {string} baseUrl
 * @returns {Promise<{ token: string, ownershipEntityRefs: string[] }>}
 */
export async function guestSignIn(baseUrl) {
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

/**
 * Signs in through the real guest provider and returns the user token.
 * @param {string} baseUrl
 * @returns {Promise<string>}
 */
export async function guestToken(baseUrl) {
  return (await guestSignIn(baseUrl)).token;
}

/**
 * Waits until the catalog has processed and stitched the demo organisation:
 * checkout-api is there with its owner relation, and the guest's sign-in
 * resolves their team (every demo person is in one). A freshly started
 * backend is ready before the catalog's first processing round has
 * finished, and a token issued before the person's membership is stitched
 * lacks the team for its whole life (a platform-team guest would be
 * refused what the platform team may do).
 * @param {string} baseUrl
 * @param {number} [timeoutMs]
 * @returns {Promise<void>}
 */
export async function waitForDemoCatalog(baseUrl, timeoutMs = 90_000) {
  const token = await guestToken(baseUrl);
  const filter = encodeURIComponent(
    'kind=component,relations.ownedBy=group:default/checkout-team',
  );
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(
      `${baseUrl}/api/catalog/entities/by-query?filter=${filter}&limit=50`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    if (res.ok) {
      /** @type {{ items: Array<{ metadata: { name: string } }> }} */
      const { items } = await res.json();
      if (items.some(e => e.metadata.name === 'checkout-api')) {
        const { ownershipEntityRefs } = await guestSignIn(baseUrl);
        if (ownershipEntityRefs.some(ref => ref.startsWith('group:'))) return;
      }
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`the demo catalog was not loaded within ${timeoutMs} ms`);
}
