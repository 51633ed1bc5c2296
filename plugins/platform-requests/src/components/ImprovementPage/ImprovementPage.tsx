/*
 * /improvements/:id: one improvement — the problem, the requests it answers
 * with their roll-up, its scope, the KPIs it means to move, its status with
 * the platform team's actions (and an edit form), and once shipped its
 * measured impact.
 */
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink, EntityRefLinks } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { Badge, Button, Flex, Link, Text } from '@backstage/ui';
import { useLocaleFormat } from '@internal/lodestar-react';
import {
  Improvement,
  improvementUpdatePermission,
} from '@internal/plugin-platform-requests-common';
import { useState } from 'react';
import { improvementsApiRef } from '../../api';
import { useRequestLinks } from '../../hooks/useRequestLinks';
import { formatCount } from '../../lib/format';
import { useSurveyScores } from '../../hooks/useSurveyScores';
import { IMPROVEMENT_STATUS_LABELS, kpiTitle } from '../../lib/improvements';
import {
  DetailFrame,
  DetailSection as Section,
  RequestMarkdown,
  StatusBadge,
  useLatest,
} from '../shared';
import { EditImprovementForm } from './EditImprovementForm';
import { ImpactSection } from './ImpactSection';
import { ImprovementActions } from './ImprovementActions';

export const ImprovementPage = ({ id }: { id: string }) => {
  const api = useApi(improvementsApiRef);
  const format = useLocaleFormat();
  const { requestLink } = useRequestLinks();
  const surveyLabels = useSurveyScores().labels;
  const {
    loaded,
    value,
    setValue: setImprovement,
  } = useLatest(() => api.getImprovement(id), [api, id]);
  const mayEdit = usePermission({ permission: improvementUpdatePermission });
  const [editing, setEditing] = useState(false);
  const hours = (n: number) => format.number(n, { maxFractionDigits: 1 });

  return (
    <DetailFrame loaded={loaded} value={value}>
      {(improvement: Improvement) => {
        const { rollup, scope } = improvement;
        return {
          id: improvement.id,
          title: improvement.title,
          meta: (
            <>
              <Badge size="small" data-status={improvement.status}>
                {IMPROVEMENT_STATUS_LABELS[improvement.status]}
              </Badge>
              <Text variant="body-small" color="secondary">
                {improvement.owner && (
                  <>
                    owned by{' '}
                    <bdi>
                      <EntityRefLink entityRef={improvement.owner} hideIcon />
                    </bdi>
                    {' · '}
                  </>
                )}
                {improvement.shippedAt
                  ? `shipped ${format.dateTime(improvement.shippedAt)}`
                  : `planned for ${improvement.plannedFor ?? 'no date yet'}`}
              </Text>
            </>
          ),
          header: (
            <>
              {improvement.dropReason && (
                <Text>
                  Dropped: <bdi>{improvement.dropReason}</bdi>
                </Text>
              )}
              <ImprovementActions
                improvement={improvement}
                onChanged={setImprovement}
              />
              {mayEdit.allowed && !editing && (
                <Flex>
                  <Button variant="secondary" onPress={() => setEditing(true)}>
                    Edit
                  </Button>
                </Flex>
              )}
            </>
          ),
          banner: editing && (
            <Section title={`Edit ${improvement.id}`}>
              <EditImprovementForm
                improvement={improvement}
                onSaved={updated => {
                  setImprovement(updated);
                  setEditing(false);
                }}
                onReloaded={setImprovement}
                onCancel={() => setEditing(false)}
              />
            </Section>
          ),
          main: (
            <>
              <Section title="Problem">
                <RequestMarkdown
                  content={improvement.problem || '_No problem statement._'}
                />
              </Section>
              <Section title="Requests it answers">
                <Text>
                  {formatCount(rollup.votes, format, 'vote')} from{' '}
                  {formatCount(rollup.teams.length, format, 'team')},{' '}
                  {hours(rollup.hoursLostPerWeek)} hours lost per week
                </Text>
                {improvement.requests.length === 0 ? (
                  <Text>No linked requests.</Text>
                ) : (
                  <table aria-label="Linked requests">
                    <thead>
                      <tr>
                        <th align="left">Request</th>
                        <th align="left">Status</th>
                        <th align="left">Team</th>
                        <th align="right">Votes</th>
                        <th align="right">Hours lost / week</th>
                      </tr>
                    </thead>
                    <tbody>
                      {improvement.requests.map(r => {
                        const href = requestLink(r.key);
                        const label = (
                          <>
                            {r.key} · <bdi>{r.title}</bdi>
                          </>
                        );
                        return (
                          <tr key={r.key}>
                            <td>
                              {href ? <Link href={href}>{label}</Link> : label}
                            </td>
                            <td>
                              <StatusBadge status={r.status} />
                            </td>
                            <td>
                              <bdi>
                                <EntityRefLink
                                  entityRef={r.requestingTeam}
                                  hideIcon
                                />
                              </bdi>
                            </td>
                            <td align="right">{format.number(r.votes)}</td>
                            <td align="right">{hours(r.hoursLostPerWeek)}</td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                )}
              </Section>
              <Section title="Impact">
                <ImpactSection improvement={improvement} />
              </Section>
            </>
          ),
          side: (
            <>
              <Section title="Scope">
                {scope.teams.length === 0 && scope.entities.length === 0 ? (
                  <Text>Everyone</Text>
                ) : (
                  <Flex direction="column" gap="1">
                    {scope.teams.length > 0 && (
                      <Text>
                        Teams:{' '}
                        <EntityRefLinks entityRefs={scope.teams} hideIcons />
                      </Text>
                    )}
                    {scope.entities.length > 0 && (
                      <Text>
                        Services:{' '}
                        <EntityRefLinks entityRefs={scope.entities} hideIcons />
                      </Text>
                    )}
                  </Flex>
                )}
              </Section>
              <Section title="Target KPIs">
                {improvement.targetKpis.length === 0 ? (
                  <Text>None chosen</Text>
                ) : (
                  <ul aria-label="Target KPIs">
                    {improvement.targetKpis.map(k => (
                      <li key={k}>{kpiTitle(k, surveyLabels)}</li>
                    ))}
                  </ul>
                )}
              </Section>
            </>
          ),
        };
      }}
    </DetailFrame>
  );
};
