/*
 * Teams come from the catalog, never from a copy (docs/DESIGN "Data flow"):
 * the requester's team, whether someone is on the platform team, whether a
 * requesting team exists. The sign-in's ownership refs already hold the
 * user's groups, so the catalog is asked only when they do not.
 */
import { AuthService, BackstageUserInfo } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * How long a catalog answer is reused. Every create and edit names a team;
 * asking the catalog each time doubled the latency of a create. Only entities
 * found are kept, so a new team is usable at once; a removed one is still
 * accepted for up to this long.
 */
const CACHE_MS = 60_000;

export class TeamDirectory {
  private readonly cache = new Map<string, { entity: Entity; until: number }>();

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    readonly platformTeam: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** The user's own team: the first Group they belong to, if any. */
  async teamOf(user: BackstageUserInfo): Promise<string | null> {
    const fromSignIn = user.ownershipEntityRefs.find(ref =>
      ref.toLocaleLowerCase('en-US').startsWith('group:'),
    );
    if (fromSignIn) return fromSignIn;
    const entity = await this.entity(user.userEntityRef);
    return entity ? groupsOf(entity)[0] ?? null : null;
  }

  async isPlatformTeamMember(userRef: string): Promise<boolean> {
    const entity = await this.entity(userRef);
    if (!entity || entity.kind.toLocaleLowerCase('en-US') !== 'user') {
      return false;
    }
    const team = normalize(this.platformTeam);
    return groupsOf(entity).some(ref => normalize(ref) === team);
  }

  async isGroup(ref: string): Promise<boolean> {
    const entity = await this.entity(ref);
    return entity?.kind.toLocaleLowerCase('en-US') === 'group';
  }

  private async entity(ref: string): Promise<Entity | undefined> {
    const cached = this.cache.get(ref);
    if (cached && cached.until > this.now()) return cached.entity;
    const entity = await this.catalog.getEntityByRef(ref, {
      credentials: await this.auth.getOwnServiceCredentials(),
    });
    if (entity) {
      // Bounded: the catalog has one entry per team and person.
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(ref, { entity, until: this.now() + CACHE_MS });
    } else {
      this.cache.delete(ref);
    }
    return entity;
  }
}

/** Group refs of a User, from its relations or, failing those, its spec. */
function groupsOf(user: Entity): string[] {
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

/** Entity refs compare without regard to case, as in the catalog. */
function normalize(ref: string): string {
  return ref.toLocaleLowerCase('en-US');
}
