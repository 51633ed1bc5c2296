/*
 * /improvements/:id: one improvement — the problem, the requests it answers
 * with their roll-up, its scope, the KPIs it means to move, its status with
 * the platform team's actions, and once shipped its measured impact.
 */
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink, EntityRefLinks } from '@backstage/plugin-catalog-react';
import {
  Badge,
  Card,
  CardBody,
  CardHeader,
  Container,
  Flex,
  Grid,
  Link,
  Text,
} from '@backstage/ui';
import { useLocaleFormat } from '@internal/lodestar-react';
import { Improvement } from '@internal/plugin-platform-requests-common';
import { ReactNode, useEffect, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { improvementsApiRef } from '../../api';
import { useRequestLinks } from '../../hooks/useRequestLinks';
import { formatCount } from '../../lib/format';
import { useSurveyScores } from '../../hooks/useSurveyScores';
import { IMPROVEMENT_STATUS_LABELS, kpiTitle } from '../../lib/improvements';
import { ErrorAlert, RequestMarkdown, StatusBadge } from '../shared';
import { ImpactSection } from './ImpactSection';
import { ImprovementActions } from './ImprovementActions';

const Section = (props: { title: string; children: ReactNode }) => (
  <Card>
    <CardHeader>
      <Text as="h3" variant="title-x-small">
        {props.title}
      </Text>
    </CardHeader>
    <CardBody>{props.children}</CardBody>
  </Card>
);

export const ImprovementPage = ({ id }: { id: string }) => {
  const api = useApi(improvementsApiRef);
  const format = useLocaleFormat();
  const { requestLink } = useRequestLinks();
  const surveyLabels = useSurveyScores().labels;
  const loaded = useAsyncRetry(() => api.getImprovement(id), [api, id]);
  // What the last action returned wins over what was loaded.
  const [improvement, setImprovement] = useState<Improvement>();
  useEffect(() => setImprovement(loaded.value), [loaded.value]);

  if (loaded.loading && !improvement) return <Progress />;
  if (loaded.error) return <ErrorAlert error={loaded.error} />;
  if (!improvement) return null;
  const { rollup, scope } = improvement;
  const hours = (n: number) => format.number(n, { maxFractionDigits: 1 });

  return (
    <Container py="4">
      <Flex direction="column" gap="4">
        <Flex direction="column" gap="2">
          <Text as="h2" variant="title-medium">
            {improvement.id} · <bdi>{improvement.title}</bdi>
          </Text>
          <Flex gap="2" align="center" style={{ flexWrap: 'wrap' }}>
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
          </Flex>
          {improvement.dropReason && (
            <Text>
              Dropped: <bdi>{improvement.dropReason}</bdi>
            </Text>
          )}
          <ImprovementActions
            improvement={improvement}
            onChanged={setImprovement}
          />
        </Flex>

        <Grid.Root columns={{ initial: '1', md: '3' }} gap="4">
          <Grid.Item colSpan={{ initial: '1', md: '2' }}>
            <Flex direction="column" gap="4">
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
            </Flex>
          </Grid.Item>
          <Grid.Item>
            <Flex direction="column" gap="4">
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
            </Flex>
          </Grid.Item>
        </Grid.Root>
      </Flex>
    </Container>
  );
};
