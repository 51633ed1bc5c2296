import { guestSignIn, guestToken } from './auth';

/**
 * Waits until the catalog has processed and stitched the demo organisation:
 * checkout-api is there with its owner relation, and the guest's sign-in
 * resolves their team (every demo person is in one). A freshly started
 * backend is ready before the catalog's first processing round has
 * finished, and a token issued before the person's membership is stitched
 * lacks the team for its whole life (a platform-team guest would be
 * refused what the platform team may do).
 */
export async function waitForDemoCatalog(
  baseUrl: string,
  timeoutMs = 90_000,
): Promise<void> {
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
      const { items } = await res.json();
      const loaded = items.some((e: any) => e.metadata.name === 'checkout-api');
      if (loaded) {
        const { ownershipEntityRefs } = await guestSignIn(baseUrl);
        if (ownershipEntityRefs.some(ref => ref.startsWith('group:'))) return;
      }
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`the demo catalog was not loaded within ${timeoutMs} ms`);
}
