/*
 * People and their groups come from the catalog, never from a copy
 * (docs/DESIGN "Data flow"). The sign-in's ownership refs already hold the
 * user's groups, so the catalog (the User's memberOf) is asked only when
 * they hold none. A person's team is their first group.
 */
import { AuthService, BackstageUserInfo } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

export type PeopleDirectoryOptions = {
  /**
   * How long a found entity is reused; by default the catalog is asked every
   * time. Only entities found are kept, so a new one is usable at once.
   */
  cacheMs?: number;
  now?: () => number;
};

export class PeopleDirectory {
  private readonly cache = new Map<string, { entity: Entity; until: number }>();
  private readonly cacheMs: number;
  private readonly now: () => number;

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    options: PeopleDirectoryOptions = {},
  ) {
    this.cacheMs = options.cacheMs ?? 0;
    this.now = options.now ?? Date.now;
  }

  /** The Group refs the user belongs to. */
  async groupsOf(user: BackstageUserInfo): Promise<string[]> {
    const fromSignIn = user.ownershipEntityRefs.filter(ref =>
      ref.toLocaleLowerCase('en-US').startsWith('group:'),
    );
    if (fromSignIn.length) return fromSignIn;
    const entity = await this.entity(user.userEntityRef);
    return entity ? groupsOfUser(entity) : [];
  }

  /** The user's own team: the first Group they belong to, if any. */
  async teamOf(user: BackstageUserInfo): Promise<string | null> {
    return (await this.groupsOf(user))[0] ?? null;
  }

  /** The catalog's entity for a ref, if there is one. */
  async entity(ref: string): Promise<Entity | undefined> {
    const cached = this.cache.get(ref);
    if (cached && cached.until > this.now()) return cached.entity;
    const entity = await this.catalog.getEntityByRef(ref, {
      credentials: await this.auth.getOwnServiceCredentials(),
    });
    if (entity && this.cacheMs > 0) {
      // Bounded: the catalog has one entry per team and person.
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(ref, { entity, until: this.now() + this.cacheMs });
    } else {
      this.cache.delete(ref);
    }
    return entity;
  }
}

/** Group refs of a User, from its relations or, failing those, its spec. */
export function groupsOfUser(user: Entity): string[] {
  const fromRelations = (user.relations ?? [])
    .filter(r => r.type === 'memberOf')
    .map(r => r.targetRef);
  if (fromRelations.length) return fromRelations;
  const memberOf = (user.spec?.memberOf as string[] | undefined) ?? [];
  return memberOf.map(ref =>
    stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind: 'group',
        defaultNamespace: user.metadata.namespace ?? 'default',
      }),
    ),
  );
}
