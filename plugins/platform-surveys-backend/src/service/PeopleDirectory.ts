/*
 * A person's groups and team, from the catalog, the way the requests
 * backend finds a requester's team: the sign-in's ownership refs hold the
 * user's groups, and only when they hold none is the catalog asked (the
 * User's memberOf). The team is the first group.
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
