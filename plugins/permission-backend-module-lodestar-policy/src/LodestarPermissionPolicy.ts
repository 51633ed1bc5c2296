/*
 * Lodestar's permission policy, in code. The platform team is a catalog Group
 * named in config (`lodestar.platformTeam`). It guards the destructive
 * catalog actions and the platform requests: everyone signed in files,
 * reads, votes and comments; requesters edit, rate and reopen their own
 * (a conditional decision the plugin applies in SQL); the platform team
 * triages. Improvements: everyone signed in reads them, the platform team
 * creates, edits and ships them. The platform team defines pulse surveys
 * and reads their (floor-protected) results; everyone signed in reads
 * surveys and answers them (the plugin checks the audience). Everyone signed in reads KPIs; no user ingests KPI events (only
 * CI's static tokens restricted to that permission do, and service
 * principals never reach the policy). Only the platform team registers
 * locations holding Users, Groups or Templates, unregisters them, and
 * dry-runs templates in the template editor.
 * The policy only decides; the routes that refuse a caller audit it
 * (`permission-denied` in Lodestar's plugins, the catalog's own events).
 */
import {
  catalogEntityDeletePermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isPermission,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  templateDryRunPermission,
  templateManagementPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import {
  platformKpisIngestPermission,
  platformKpisUnmatchedReadPermission,
} from '@internal/plugin-platform-kpis-common';
import { catalogImportPlatformKindsPermission } from '@internal/plugin-catalog-lodestar-common';
import {
  createPlatformRequestConditionalDecision,
  improvementCreatePermission,
  improvementReadPermission,
  improvementShipPermission,
  improvementUpdatePermission,
  platformRequestConditions,
  platformRequestEditPermission,
  platformRequestReadPermission,
  platformRequestRequesterActionPermission,
  platformRequestTriagePermission,
} from '@internal/plugin-platform-requests-common';
import {
  platformSurveyCreatePermission,
  platformSurveyReadPermission,
  platformSurveyResultsReadPermission,
} from '@internal/plugin-platform-surveys-common';

/**
 * The platform team's alone: registering people, teams and templates, the
 * webhook events no component claims, template authoring (the scaffolder's
 * editor and its dry runs of arbitrary templates, as templates are theirs)
 * and deleting catalog locations.
 */
const PLATFORM_TEAM_ONLY: Permission[] = [
  catalogImportPlatformKindsPermission,
  platformKpisUnmatchedReadPermission,
  templateDryRunPermission,
  templateManagementPermission,
  catalogLocationDeletePermission,
];

export class LodestarPermissionPolicy implements PermissionPolicy {
  constructor(private readonly platformTeamRef: string) {}

  private isPlatformTeam(user?: PolicyQueryUser): boolean {
    return (
      user?.info.ownershipEntityRefs.includes(this.platformTeamRef) ?? false
    );
  }

  private platformTeamOnly(user?: PolicyQueryUser): PolicyDecision {
    return {
      result: this.isPlatformTeam(user)
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
    };
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (request.permission.name.startsWith('platform-requests.')) {
      return this.handlePlatformRequest(request, user);
    }
    if (request.permission.name.startsWith('platform-surveys.')) {
      return this.handlePlatformSurvey(request, user);
    }
    if (isPermission(request.permission, platformKpisIngestPermission)) {
      return { result: AuthorizeResult.DENY };
    }
    if (PLATFORM_TEAM_ONLY.some(p => isPermission(request.permission, p))) {
      return this.platformTeamOnly(user);
    }
    if (isPermission(request.permission, catalogEntityDeletePermission)) {
      if (this.isPlatformTeam(user)) return { result: AuthorizeResult.ALLOW };
      // Owners unregister their own entities, but not Users, Groups or
      // Templates: those are the platform team's.
      return createCatalogConditionalDecision(request.permission, {
        allOf: [
          catalogConditions.isEntityOwner({
            claims: user?.info.ownershipEntityRefs ?? [],
          }),
          {
            not: catalogConditions.isEntityKind({
              kinds: ['User', 'Group', 'Template'],
            }),
          },
        ],
      });
    }
    return { result: AuthorizeResult.ALLOW };
  }

  private handlePlatformRequest(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): PolicyDecision {
    const { permission } = request;
    // Without a user (a service acting on its own) only reading makes sense.
    if (!user) {
      return {
        result:
          isPermission(permission, platformRequestReadPermission) ||
          isPermission(permission, improvementReadPermission)
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      };
    }
    if (
      [
        platformRequestTriagePermission,
        improvementCreatePermission,
        improvementUpdatePermission,
        improvementShipPermission,
      ].some(p => isPermission(permission, p))
    ) {
      return this.platformTeamOnly(user);
    }
    if (
      isPermission(permission, platformRequestEditPermission) ||
      isPermission(permission, platformRequestRequesterActionPermission)
    ) {
      if (this.isPlatformTeam(user)) return { result: AuthorizeResult.ALLOW };
      // The plugin adds "while new" for edits and the reopen window itself.
      return createPlatformRequestConditionalDecision(
        permission,
        platformRequestConditions.isRequester({
          userEntityRef: user.info.userEntityRef,
        }),
      );
    }
    // create, read, vote, comment, read improvements: everyone signed in.
    return { result: AuthorizeResult.ALLOW };
  }

  private handlePlatformSurvey(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): PolicyDecision {
    const { permission } = request;
    // Without a user only reading the surveys themselves makes sense.
    if (!user) {
      return {
        result: isPermission(permission, platformSurveyReadPermission)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
    }
    if (
      isPermission(permission, platformSurveyCreatePermission) ||
      isPermission(permission, platformSurveyResultsReadPermission)
    ) {
      return this.platformTeamOnly(user);
    }
    // read, answer: everyone signed in (the plugin checks the audience).
    return { result: AuthorizeResult.ALLOW };
  }
}
