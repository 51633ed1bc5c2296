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

export class TeamDirectory {
  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    readonly platformTeam: string,
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
    return this.catalog.getEntityByRef(ref, {
      credentials: await this.auth.getOwnServiceCredentials(),
    });
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
