/*
 * Which Components claim a webhook's repository or service: those whose
 * annotation (github.com/project-slug, …) equals the claim's value without
 * regard to case. The catalog's filter already compares values that way;
 * the check here keeps it true for any catalog implementation.
 */
import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ownerOf, refOf } from './ServiceDirectory';

/** A claiming Component and its owner (as ServiceDirectory stamps it). */
export type ClaimingComponent = { ref: string; owner: string | null };

export class ClaimResolver {
  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  /** The claiming Components, sorted by ref; empty when none. */
  async claiming(claim: {
    annotation: string;
    value: string;
  }): Promise<ClaimingComponent[]> {
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
