/*
 * Which Components claim a webhook's repository or service: those whose
 * annotation (github.com/project-slug, …) equals the claim's value without
 * regard to case. The catalog's filter already compares values that way;
 * the check here keeps it true for any catalog implementation.
 *
 * A claim that some Component holds is remembered for `cacheMs` (the
 * catalog call costs more than the rest of a delivery: measured in
 * docs/benchmarks.md); a claim nobody holds is asked again every time, so
 * the first component to add the annotation gets the next delivery.
 * Concurrent deliveries for one claim share one catalog call.
 */
import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ownerOf, refOf } from './ServiceDirectory';

/** A claiming Component and its owner (as ServiceDirectory stamps it). */
export type ClaimingComponent = { ref: string; owner: string | null };

type ClaimKey = { annotation: string; value: string };

export class ClaimResolver {
  private readonly remembered = new Map<
    string,
    { components: Promise<ClaimingComponent[]>; until: number }
  >();

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly options: { cacheMs: number; now?: () => number } = {
      cacheMs: 0,
    },
  ) {}

  /** The claiming Components, sorted by ref; empty when none. */
  async claiming(claim: ClaimKey): Promise<ClaimingComponent[]> {
    const now = (this.options.now ?? Date.now)();
    const key = `${claim.annotation}\n${claim.value
      .trim()
      .toLocaleLowerCase('en-US')}`;
    const hit = this.remembered.get(key);
    if (hit && hit.until > now) return hit.components;

    const components = this.ask(claim);
    this.remembered.set(key, { components, until: now + this.options.cacheMs });
    try {
      const found = await components;
      if (found.length === 0) this.forget(key, components);
      return found;
    } catch (error) {
      this.forget(key, components);
      throw error;
    }
  }

  /** Drops an entry unless a newer call has replaced it. */
  private forget(key: string, components: Promise<ClaimingComponent[]>) {
    if (this.remembered.get(key)?.components === components) {
      this.remembered.delete(key);
    }
  }

  private async ask(claim: ClaimKey): Promise<ClaimingComponent[]> {
    const { items } = await this.catalog.getEntities(
      {
        filter: {
          kind: 'Component',
          [`metadata.annotations.${claim.annotation}`]: claim.value,
        },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
          'spec.owner',
          'relations',
        ],
      },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    const wanted = claim.value.trim().toLocaleLowerCase('en-US');
    return items
      .filter(
        e =>
          e.metadata.annotations?.[claim.annotation]
            ?.trim()
            .toLocaleLowerCase('en-US') === wanted,
      )
      .map(e => ({ ref: refOf(e), owner: ownerOf(e) }))
      .sort((a, b) => (a.ref < b.ref ? -1 : 1));
  }
}
