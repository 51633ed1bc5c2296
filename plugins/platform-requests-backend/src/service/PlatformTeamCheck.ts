/*
 * Whether the platform team's Group (lodestar.platformTeam) is in the
 * catalog. Without it nobody can triage requests or manage templates, and
 * the usual cause is a name that does not match what the org sync brings in
 * (LDAP `cn`, an Entra ID group's name, a GitHub team's slug).
 *
 * The verdict waits until the org sources have had their chance: a missing
 * group is only reported once every org sync has finished a run and one
 * more check has passed (time for the catalog to process what came in).
 * Then the log gets one line per change of verdict — missing once, found
 * again once — however often the check runs; the triage page shows the
 * current verdict.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  PlatformTeamState,
  PlatformTeamStatus,
} from '@internal/plugin-platform-requests-common';

export type PlatformTeamCheckOptions = {
  ref: string;
  /** Whether the Group exists; throws when the catalog cannot say. */
  groupExists: (ref: string) => Promise<boolean>;
  /** Whether every org sync has finished at least one run. */
  orgSyncsHaveRun: () => Promise<boolean>;
  logger: LoggerService;
};

export class PlatformTeamCheck {
  private state: PlatformTeamState = 'pending';
  private syncsSeenDone = false;

  constructor(private readonly options: PlatformTeamCheckOptions) {}

  status(): PlatformTeamStatus {
    return { ref: this.options.ref, status: this.state };
  }

  /** One look at the catalog; logs only when the verdict changes. */
  async check(): Promise<void> {
    const { ref, logger } = this.options;
    let exists: boolean;
    try {
      exists = await this.options.groupExists(ref);
    } catch (e) {
      logger.debug(`Could not look up the platform team ${ref}: ${e}`);
      return;
    }
    if (exists) {
      if (this.state === 'missing') {
        logger.info(`The platform team's group ${ref} is now in the catalog.`);
      }
      this.state = 'found';
      return;
    }
    if (this.state === 'missing') return;
    if (this.state === 'pending') {
      if (!(await this.options.orgSyncsHaveRun())) return;
      // One more check after the syncs ended, so the catalog has processed
      // what they brought.
      if (!this.syncsSeenDone) {
        this.syncsSeenDone = true;
        return;
      }
    }
    this.state = 'missing';
    logger.warn(
      `The platform team's group ${ref} is not in the catalog, so nobody can triage platform requests or manage templates. Set LODESTAR_PLATFORM_TEAM (lodestar.platformTeam) to a group your org sync brings in; see docs/operations.md.`,
    );
  }
}
