/*
 * /requests/effort, "Where effort goes": the demand on the platform team by
 * category, requesting team and improvement, how long resolving takes, the
 * top pains by hours lost, and the share of demand shipped improvements
 * answered (GET /api/platform-requests/effort; definitions in the common
 * package's improvements/effort.ts and docs/kpis.md).
 */
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Container, Flex, Grid, Link, Text } from '@backstage/ui';
import {
  formatDuration,
  formatShare,
  useLocaleFormat,
} from '@internal/lodestar-react';
import {
  DEFAULT_EFFORT_WINDOW,
  Effort,
  EFFORT_WINDOWS,
  EffortWindow,
} from '@internal/plugin-platform-requests-common';
import { ReactNode, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { improvementsApiRef } from '../../api';
import { useImprovementLinks } from '../../hooks/useImprovementLinks';
import { usePlatformRequestsConfig } from '../../hooks/usePlatformRequestsConfig';
import { useRequestLinks } from '../../hooks/useRequestLinks';
import { categoryTitle } from '../../lib/format';
import { IMPROVEMENT_STATUS_LABELS } from '../../lib/improvements';
import { DetailSection, ErrorAlert } from '../shared';
import { DemandTable } from './DemandTable';

const Section = (props: { title: string; children: ReactNode }) => (
  <DetailSection title={props.title}>
    <Flex direction="column" gap="2">
      {props.children}
    </Flex>
  </DetailSection>
);

const MaybeLink = (props: { href?: string; children: ReactNode }) =>
  props.href ? (
    <Link href={props.href}>{props.children}</Link>
  ) : (
    <>{props.children}</>
  );

/** "40 % of 25 hours lost per week": a part of a total, or a dash. */
function share(part: number, total: number) {
  return total > 0 ? part / total : null;
}

const EffortFigures = ({ effort }: { effort: Effort }) => {
  const format = useLocaleFormat();
  const categories = usePlatformRequestsConfig().value?.categories;
  const { requestLink } = useRequestLinks();
  const { improvementLink } = useImprovementLinks();
  const hours = (n: number) => format.number(n, { maxFractionDigits: 1 });
  const category = (id: string) => categoryTitle(id, categories);
  const { total, shareAnswered: s } = effort;

  return (
    <Flex direction="column" gap="4">
      <Text>
        Open now: {format.number(total.openRequests)} requests,{' '}
        {format.number(total.votes)} votes, {hours(total.hoursLostPerWeek)}{' '}
        hours lost per week.
      </Text>
      <Section title="Share of demand answered by shipped improvements">
        <Text data-testid="share-answered">
          {formatShare(
            share(s.answeredHoursLostPerWeek, s.hoursLostPerWeek),
            format,
          )}{' '}
          of the hours lost per week ({hours(s.answeredHoursLostPerWeek)} of{' '}
          {hours(s.hoursLostPerWeek)}) and{' '}
          {formatShare(share(s.answeredVotes, s.votes), format)} of the votes (
          {format.number(s.answeredVotes)} of {format.number(s.votes)}).
        </Text>
        <Text variant="body-small" color="secondary">
          Of the requests filed in the last {effort.days} days that were neither
          declined nor duplicates, the part linked to an improvement that has
          shipped.
        </Text>
      </Section>
      <Grid.Root columns={{ initial: '1', md: '2' }} gap="4">
        <Section title="Demand by category">
          <DemandTable
            label="Demand by category"
            heading="Category"
            rows={effort.byCategory.map(d => ({
              ...d,
              id: d.category,
              label: category(d.category),
            }))}
          />
        </Section>
        <Section title="Demand by team">
          <DemandTable
            label="Demand by team"
            heading="Requesting team"
            rows={effort.byTeam.map(d => ({
              ...d,
              id: d.team,
              label: d.team.replace(/^group:(default\/)?/, ''),
              cell: (
                <bdi>
                  <EntityRefLink entityRef={d.team} hideIcon />
                </bdi>
              ),
            }))}
          />
        </Section>
      </Grid.Root>
      <Section title="Demand by improvement">
        <Text variant="body-small" color="secondary">
          Votes and hours lost per week of all the requests each improvement
          answers; open requests are those not yet resolved. Dropped
          improvements are left out.
        </Text>
        {effort.byImprovement.length === 0 ? (
          <Text>No improvements yet.</Text>
        ) : (
          <DemandTable
            label="Demand by improvement"
            heading="Improvement"
            extraHeading="Status"
            noChart
            rows={effort.byImprovement.map(d => ({
              ...d,
              label: d.title,
              cell: (
                <MaybeLink href={improvementLink(d.id)}>
                  {d.id} · <bdi>{d.title}</bdi>
                </MaybeLink>
              ),
              extra: IMPROVEMENT_STATUS_LABELS[d.status],
            }))}
          />
        )}
      </Section>
      <Grid.Root columns={{ initial: '1', md: '2' }} gap="4">
        <Section title="Time to resolve by category">
          <Text variant="body-small" color="secondary">
            Requests resolved as done in the last {effort.days} days, from their
            last opening to resolution.
          </Text>
          {effort.resolutionByCategory.length === 0 ? (
            <Text>Nothing resolved in this window.</Text>
          ) : (
            <table aria-label="Time to resolve by category">
              <thead>
                <tr>
                  <th align="left">Category</th>
                  <th align="right">Resolved</th>
                  <th align="right">Median</th>
                  <th align="right">90th percentile</th>
                </tr>
              </thead>
              <tbody>
                {effort.resolutionByCategory.map(r => (
                  <tr key={r.category}>
                    <td>
                      <bdi>{category(r.category)}</bdi>
                    </td>
                    <td align="right">{format.number(r.resolved)}</td>
                    <td align="right">
                      {formatDuration(r.medianHours * 3600, format)}
                    </td>
                    <td align="right">
                      {formatDuration(r.p90Hours * 3600, format)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Section>
        <Section title="Top pains by hours lost">
          {effort.topPains.length === 0 ? (
            <Text>Nothing open.</Text>
          ) : (
            <table aria-label="Top pains by hours lost">
              <thead>
                <tr>
                  <th align="left">Request</th>
                  <th align="left">Category</th>
                  <th align="right">Votes</th>
                  <th align="right">Hours lost / week</th>
                </tr>
              </thead>
              <tbody>
                {effort.topPains.map(p => (
                  <tr key={p.key}>
                    <td>
                      <MaybeLink href={requestLink(p.key)}>
                        {p.key} · <bdi>{p.title}</bdi>
                      </MaybeLink>
                    </td>
                    <td>
                      <bdi>{category(p.category)}</bdi>
                    </td>
                    <td align="right">{format.number(p.votes)}</td>
                    <td align="right">{hours(p.hoursLostPerWeek)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Section>
      </Grid.Root>
    </Flex>
  );
};

export const EffortPage = () => {
  const api = useApi(improvementsApiRef);
  const [days, setDays] = useState<EffortWindow>(DEFAULT_EFFORT_WINDOW);
  const effort = useAsync(() => api.getEffort(days), [api, days]);

  return (
    <Container py="4">
      <Flex direction="column" gap="4">
        <Flex justify="between" align="center">
          <Text as="h2" variant="title-medium">
            Where effort goes
          </Text>
          <label>
            <Text variant="body-small">Window </Text>
            <select
              aria-label="Window"
              value={days}
              onChange={e => setDays(Number(e.target.value) as EffortWindow)}
            >
              {EFFORT_WINDOWS.map(d => (
                <option key={d} value={d}>
                  Last {d} days
                </option>
              ))}
            </select>
          </label>
        </Flex>
        {effort.loading && <Progress />}
        {effort.error && <ErrorAlert error={effort.error} />}
        {effort.value && <EffortFigures effort={effort.value} />}
      </Flex>
    </Container>
  );
};
