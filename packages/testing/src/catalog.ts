import { guestToken } from './auth';

/**
 * Waits until the catalog has processed and stitched the demo organisation:
 * checkout-api is there with its owner relation. A freshly started backend
 * is ready before the catalog's first processing round has finished.
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
      if (items.some((e: any) => e.metadata.name === 'checkout-api')) return;
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`the demo catalog was not loaded within ${timeoutMs} ms`);
}
