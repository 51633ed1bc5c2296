/*
 * People and their groups come from the catalog, never from a copy
 * (docs/DESIGN "Data flow"). The sign-in's ownership refs already hold the
 * user's groups, so the catalog (the User's memberOf) is asked only when
 * they hold none. A person's team is their first group. Teams' names for
 * people to read come from the catalog too.
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

  /**
   * The catalog's names of the given teams, by ref, in one call; a team the
   * catalog does not know is left out (callers show its ref).
   */
  async teamNames(refs: string[]): Promise<Map<string, string>> {
    if (!refs.length) return new Map();
    const { items } = await this.catalog.getEntitiesByRefs(
      {
        entityRefs: refs,
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.title',
          'spec.profile.displayName',
        ],
      },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    const names = new Map<string, string>();
    items.forEach((entity, i) => {
      if (entity) names.set(refs[i], teamNameOf(entity));
    });
    return names;
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

/** A team's name as people read it: its profile's or title, else its name. */
function teamNameOf(group: Entity): string {
  const profile = group.spec?.profile as { displayName?: string } | undefined;
  return profile?.displayName || group.metadata.title || group.metadata.name;
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
