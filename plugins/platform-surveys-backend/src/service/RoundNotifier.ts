/*
 * Tells a survey's audience that a round opened: a notification (and an
 * email where email is configured) linking to the survey. Each round is
 * claimed in the database before it is sent, so a rerun or a second
 * replica does not send it again; a failed send releases the claim for the
 * next run.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  roundsOf,
  SURVEY_NOTIFICATION_TOPICS,
  surveyLink,
} from '@internal/plugin-platform-surveys-common';
import { StoredSurvey, SurveyStore } from '../database/SurveyStore';

export class RoundNotifier {
  constructor(
    private readonly store: SurveyStore,
    private readonly notifications: NotificationService,
    private readonly logger: LoggerService,
  ) {}

  /** Notifies the audience of every open round not yet notified. */
  async notifyOpenRounds(now: Date): Promise<number> {
    let sent = 0;
    for (const survey of await this.store.listSurveys()) {
      for (const round of roundsOf(survey, now)) {
        if (round.state !== 'open') continue;
        if (
          !(await this.store.claimRoundNotification(
            survey.id,
            round.round,
            now,
          ))
        ) {
          continue;
        }
        try {
          await this.send(survey, round.round, round.closesAt);
          sent += 1;
        } catch (error) {
          await this.store.releaseRoundNotification(survey.id, round.round);
          this.logger.warn(
            `Could not tell the audience of survey ${survey.id} that round ${round.round} opened`,
            { error: String(error) },
          );
        }
      }
    }
    return sent;
  }

  private async send(survey: StoredSurvey, round: number, closesAt: string) {
    await this.notifications.send({
      recipients:
        survey.audience.kind === 'everyone'
          ? { type: 'broadcast' }
          : { type: 'entity', entityRef: survey.audience.groups },
      payload: {
        title: `Pulse survey: ${survey.title}`,
        description: `${
          round > 1 ? `Round ${round} is open` : 'It is open'
        } until ${closesAt.slice(
          0,
          10,
        )}. Your answer is anonymous: results are shown only for groups of enough people, never per person.`,
        link: surveyLink(survey.id),
        topic: SURVEY_NOTIFICATION_TOPICS.roundOpened,
        severity: 'normal',
      },
    });
  }
}
