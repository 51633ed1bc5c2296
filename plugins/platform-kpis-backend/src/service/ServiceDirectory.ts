/*
 * Which Components exist and who owns them, for ingestion: an event for an
 * unknown service is rejected, and each event is stamped with its owner so
 * team KPIs are one indexed filter. The whole list is read from the catalog
 * at most once a minute, or sooner when an unknown ref arrives (a service
 * registered a moment ago), but not more than every few seconds.
 */
import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

const FRESH_MS = 60_000;
const MISS_REFRESH_MS = 5_000;

export class ServiceDirectory {
  private byRef = new Map<string, string | null>();
  private loadedAt = 0;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The owner of each known ref (null when it has none); refs missing from
   * the result are not Components in the catalog.
   */
  async owners(refs: string[]): Promise<Map<string, string | null>> {
    const age = this.now() - this.loadedAt;
    if (age > FRESH_MS) await this.load();
    else if (age > MISS_REFRESH_MS && refs.some(r => !this.byRef.has(r))) {
      await this.load();
    }
    const out = new Map<string, string | null>();
    for (const ref of refs) {
      if (this.byRef.has(ref)) out.set(ref, this.byRef.get(ref) ?? null);
    }
    return out;
  }

  private async load(): Promise<void> {
    // One load at a time; concurrent batches share it.
    this.loading ??= this.fetch().finally(() => {
      this.loading = undefined;
    });
    await this.loading;
  }

  private async fetch(): Promise<void> {
    const { items } = await this.catalog.getEntities(
      {
        filter: { kind: 'Component' },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'spec.owner',
          'relations',
        ],
      },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    const owners = new Map<string, string | null>();
    for (const entity of items) {
      owners.set(refOf(entity), ownerOf(entity));
    }
    this.byRef = owners;
    this.loadedAt = this.now();
  }
}

export function refOf(entity: Entity): string {
  return stringifyEntityRef(entity).toLocaleLowerCase('en-US');
}

/** The owner's full ref, lowercased: from the ownedBy relation or spec.owner. */
export function ownerOf(entity: Entity): string | null {
  const relation = entity.relations?.find(r => r.type === 'ownedBy');
  if (relation) return relation.targetRef.toLocaleLowerCase('en-US');
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) return null;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return null;
  }
}
