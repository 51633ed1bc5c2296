/*
 * Teams come from the catalog, never from a copy (docs/DESIGN "Data flow"):
 * the requester's team (PeopleDirectory), whether someone is on the platform
 * team, whether a requesting team exists.
 */
import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { groupsOfUser, PeopleDirectory } from '@internal/plugin-platform-node';

/**
 * How long a catalog answer is reused. Every create and edit names a team;
 * asking the catalog each time doubled the latency of a create. Only entities
 * found are kept, so a new team is usable at once; a removed one is still
 * accepted for up to this long.
 */
const CACHE_MS = 60_000;

export class TeamDirectory extends PeopleDirectory {
  constructor(
    catalog: CatalogService,
    auth: AuthService,
    readonly platformTeam: string,
    now: () => number = Date.now,
  ) {
    super(catalog, auth, { cacheMs: CACHE_MS, now });
  }

  async isPlatformTeamMember(userRef: string): Promise<boolean> {
    const entity = await this.entity(userRef);
    if (!entity || entity.kind.toLocaleLowerCase('en-US') !== 'user') {
      return false;
    }
    const team = normalize(this.platformTeam);
    return groupsOfUser(entity).some(ref => normalize(ref) === team);
  }

  async isGroup(ref: string): Promise<boolean> {
    const entity = await this.entity(ref);
    return entity?.kind.toLocaleLowerCase('en-US') === 'group';
  }
}

/** Entity refs compare without regard to case, as in the catalog. */
function normalize(ref: string): string {
  return ref.toLocaleLowerCase('en-US');
}
