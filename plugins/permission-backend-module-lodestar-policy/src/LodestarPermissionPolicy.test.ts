import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  templateDryRunPermission,
  templateManagementPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  improvementCreatePermission,
  improvementReadPermission,
  improvementShipPermission,
  improvementUpdatePermission,
  platformRequestCommentPermission,
  platformRequestCreatePermission,
  platformRequestEditPermission,
  platformRequestReadPermission,
  platformRequestRequesterActionPermission,
  platformRequestTriagePermission,
  platformRequestVotePermission,
} from '@internal/plugin-platform-requests-common';
import {
  platformSurveyCreatePermission,
  platformSurveyReadPermission,
  platformSurveyRespondPermission,
  platformSurveyResultsReadPermission,
} from '@internal/plugin-platform-surveys-common';
import { catalogImportPlatformKindsPermission } from '@internal/plugin-catalog-lodestar-common';
import { LodestarPermissionPolicy } from './LodestarPermissionPolicy';

const PLATFORM = 'group:default/platform-team';
const policy = new LodestarPermissionPolicy(PLATFORM);

function user(...ownershipEntityRefs: string[]): PolicyQueryUser {
  return {
    info: { userEntityRef: ownershipEntityRefs[0], ownershipEntityRefs },
  } as PolicyQueryUser;
}

const sam = user('user:default/sam.rivera', 'group:default/checkout-team');
const priya = user('user:default/priya.nair', PLATFORM);

describe('LodestarPermissionPolicy', () => {
  it('lets everyone signed in read the catalog', async () => {
    const decision = await policy.handle(
      { permission: catalogEntityReadPermission },
      sam,
    );
    expect(decision.result).toBe(AuthorizeResult.ALLOW);
  });

  it('lets only the platform team delete catalog locations', async () => {
    const query = { permission: catalogLocationDeletePermission };
    expect((await policy.handle(query, priya)).result).toBe(
      AuthorizeResult.ALLOW,
    );
    expect((await policy.handle(query, sam)).result).toBe(AuthorizeResult.DENY);
  });

  it('lets owners unregister their own entities but not Users, Groups or Templates, decided in the catalog', async () => {
    const decision = await policy.handle(
      { permission: catalogEntityDeletePermission },
      sam,
    );
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        allOf: [
          {
            rule: 'IS_ENTITY_OWNER',
            resourceType: 'catalog-entity',
            params: {
              claims: [
                'user:default/sam.rivera',
                'group:default/checkout-team',
              ],
            },
          },
          {
            not: {
              rule: 'IS_ENTITY_KIND',
              resourceType: 'catalog-entity',
              params: { kinds: ['User', 'Group', 'Template'] },
            },
          },
        ],
      },
    });
  });

  it.each([templateDryRunPermission, templateManagementPermission])(
    'lets only the platform team use the template editor ($name)',
    async permission => {
      expect((await policy.handle({ permission }, priya)).result).toBe(
        AuthorizeResult.ALLOW,
      );
      expect((await policy.handle({ permission }, sam)).result).toBe(
        AuthorizeResult.DENY,
      );
    },
  );

  it('lets only the platform team import Users, Groups and Templates', async () => {
    const query = { permission: catalogImportPlatformKindsPermission };
    expect((await policy.handle(query, priya)).result).toBe(
      AuthorizeResult.ALLOW,
    );
    expect((await policy.handle(query, sam)).result).toBe(AuthorizeResult.DENY);
    expect((await policy.handle(query)).result).toBe(AuthorizeResult.DENY);
  });

  describe('platform requests', () => {
    const decide = async (
      permission: Parameters<typeof policy.handle>[0]['permission'],
      who?: PolicyQueryUser,
    ) => policy.handle({ permission }, who);

    it.each([
      platformRequestCreatePermission,
      platformRequestReadPermission,
      platformRequestVotePermission,
      platformRequestCommentPermission,
    ])('lets everyone signed in $name', async permission => {
      expect((await decide(permission, sam)).result).toBe(
        AuthorizeResult.ALLOW,
      );
      expect((await decide(permission, priya)).result).toBe(
        AuthorizeResult.ALLOW,
      );
    });

    it('lets only the platform team triage', async () => {
      expect(
        (await decide(platformRequestTriagePermission, priya)).result,
      ).toBe(AuthorizeResult.ALLOW);
      expect((await decide(platformRequestTriagePermission, sam)).result).toBe(
        AuthorizeResult.DENY,
      );
    });

    it.each([
      platformRequestEditPermission,
      platformRequestRequesterActionPermission,
    ])(
      'allows $name to the platform team, to others on their own requests',
      async permission => {
        expect((await decide(permission, priya)).result).toBe(
          AuthorizeResult.ALLOW,
        );
        expect(await decide(permission, sam)).toEqual({
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'platform-requests',
          resourceType: 'platform-request',
          conditions: {
            rule: 'IS_REQUESTER',
            resourceType: 'platform-request',
            params: { userEntityRef: 'user:default/sam.rivera' },
          },
        });
      },
    );

    it('lets a caller without a user read, and nothing else', async () => {
      expect((await decide(platformRequestReadPermission)).result).toBe(
        AuthorizeResult.ALLOW,
      );
      for (const permission of [
        platformRequestCreatePermission,
        platformRequestVotePermission,
        platformRequestEditPermission,
        platformRequestTriagePermission,
      ]) {
        expect((await decide(permission)).result).toBe(AuthorizeResult.DENY);
      }
    });
  });

  describe('pulse surveys', () => {
    const decide = async (
      permission: Parameters<typeof policy.handle>[0]['permission'],
      who?: PolicyQueryUser,
    ) => (await policy.handle({ permission }, who)).result;

    it.each([platformSurveyReadPermission, platformSurveyRespondPermission])(
      'lets everyone signed in $name',
      async permission => {
        expect(await decide(permission, sam)).toBe(AuthorizeResult.ALLOW);
        expect(await decide(permission, priya)).toBe(AuthorizeResult.ALLOW);
      },
    );

    it.each([
      platformSurveyCreatePermission,
      platformSurveyResultsReadPermission,
    ])('lets only the platform team $name', async permission => {
      expect(await decide(permission, priya)).toBe(AuthorizeResult.ALLOW);
      expect(await decide(permission, sam)).toBe(AuthorizeResult.DENY);
    });

    it('lets a caller without a user read surveys, and nothing else', async () => {
      expect(await decide(platformSurveyReadPermission)).toBe(
        AuthorizeResult.ALLOW,
      );
      for (const permission of [
        platformSurveyCreatePermission,
        platformSurveyRespondPermission,
        platformSurveyResultsReadPermission,
      ]) {
        expect(await decide(permission)).toBe(AuthorizeResult.DENY);
      }
    });
  });

  describe('improvements', () => {
    it('lets everyone signed in, and services, read improvements', async () => {
      for (const who of [sam, priya, undefined]) {
        expect(
          (await policy.handle({ permission: improvementReadPermission }, who))
            .result,
        ).toBe(AuthorizeResult.ALLOW);
      }
    });

    it.each([
      improvementCreatePermission,
      improvementUpdatePermission,
      improvementShipPermission,
    ])('lets only the platform team $name', async permission => {
      expect((await policy.handle({ permission }, priya)).result).toBe(
        AuthorizeResult.ALLOW,
      );
      expect((await policy.handle({ permission }, sam)).result).toBe(
        AuthorizeResult.DENY,
      );
      expect((await policy.handle({ permission })).result).toBe(
        AuthorizeResult.DENY,
      );
    });
  });
});
