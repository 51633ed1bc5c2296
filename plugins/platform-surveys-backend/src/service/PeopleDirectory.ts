/*
 * A person's groups and team, from the catalog, the way the requests
 * backend finds a requester's team: the sign-in's ownership refs hold the
 * user's groups, and only when they hold none is the catalog asked (the
 * User's memberOf). The team is the first group. Teams' names for people
 * to read come from the catalog too.
 */
import { AuthService, BackstageUserInfo } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

export class PeopleDirectory {
  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  async groupsOf(user: BackstageUserInfo): Promise<string[]> {
    const fromSignIn = user.ownershipEntityRefs.filter(ref =>
      ref.toLocaleLowerCase('en-US').startsWith('group:'),
    );
    if (fromSignIn.length) return fromSignIn;
    const entity = await this.catalog.getEntityByRef(user.userEntityRef, {
      credentials: await this.auth.getOwnServiceCredentials(),
    });
    return entity ? groupsOf(entity) : [];
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
}

/** A team's name as people read it: its profile's or title, else its name. */
function teamNameOf(group: Entity): string {
  const profile = group.spec?.profile as { displayName?: string } | undefined;
  return profile?.displayName || group.metadata.title || group.metadata.name;
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
