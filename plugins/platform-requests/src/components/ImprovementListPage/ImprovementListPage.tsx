/*
 * /improvements: what the platform team does about the requests, newest
 * first, each with the demand it answers (votes, teams, hours lost per
 * week summed over its requests). The platform team creates them here.
 */
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { EntityRefLinks } from '@backstage/plugin-catalog-react';
import { Badge, ButtonLink, Container, Flex, Link, Text } from '@backstage/ui';
import { useLocaleFormat } from '@internal/lodestar-react';
import {
  improvementCreatePermission,
  IMPROVEMENT_STATUSES,
  ImprovementStatus,
} from '@internal/plugin-platform-requests-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { improvementsApiRef } from '../../api';
import { useImprovementLinks } from '../../hooks/useImprovementLinks';
import { IMPROVEMENT_STATUS_LABELS } from '../../lib/improvements';
import { ErrorAlert } from '../shared';

export const ImprovementListPage = () => {
  const api = useApi(improvementsApiRef);
  const format = useLocaleFormat();
  const { improvementLink, newImprovementLink } = useImprovementLinks();
  const create = usePermission({ permission: improvementCreatePermission });
  const [status, setStatus] = useState<ImprovementStatus | ''>('');
  const list = useAsync(
    () => api.listImprovements(status ? { status: [status] } : {}),
    [api, status],
  );

  return (
    <Container py="4">
      <Flex direction="column" gap="4">
        <Flex justify="between" align="center">
          <Text as="h2" variant="title-medium">
            Improvements
          </Text>
          {create.allowed && newImprovementLink && (
            <ButtonLink href={newImprovementLink} variant="primary">
              New improvement
            </ButtonLink>
          )}
        </Flex>
        <label>
          <Text variant="body-small">Status </Text>
          <select
            aria-label="Status"
            value={status}
            onChange={e => setStatus(e.target.value as ImprovementStatus | '')}
          >
            <option value="">Any status</option>
            {IMPROVEMENT_STATUSES.map(s => (
              <option key={s} value={s}>
                {IMPROVEMENT_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        {list.loading && <Progress />}
        {list.error && <ErrorAlert error={list.error} />}
        {list.value && list.value.length === 0 && (
          <Text>No improvements{status ? ' with this status' : ''} yet.</Text>
        )}
        {list.value && list.value.length > 0 && (
          <table aria-label="Improvements">
            <thead>
              <tr>
                <th align="left">Improvement</th>
                <th align="left">Status</th>
                <th align="right">Requests</th>
                <th align="right">Votes</th>
                <th align="left">Teams asking</th>
                <th align="right">Hours lost / week</th>
                <th align="left">Planned / shipped</th>
              </tr>
            </thead>
            <tbody>
              {list.value.map(imp => {
                const href = improvementLink(imp.id);
                return (
                  <tr key={imp.id}>
                    <td>
                      {href ? (
                        <Link href={href}>
                          {imp.id} · <bdi>{imp.title}</bdi>
                        </Link>
                      ) : (
                        <>
                          {imp.id} · <bdi>{imp.title}</bdi>
                        </>
                      )}
                    </td>
                    <td>
                      <Badge size="small">
                        {IMPROVEMENT_STATUS_LABELS[imp.status]}
                      </Badge>
                    </td>
                    <td align="right">{format.number(imp.requests.length)}</td>
                    <td align="right">{format.number(imp.rollup.votes)}</td>
                    <td>
                      <EntityRefLinks entityRefs={imp.rollup.teams} hideIcons />
                    </td>
                    <td align="right">
                      {format.number(imp.rollup.hoursLostPerWeek, {
                        maxFractionDigits: 1,
                      })}
                    </td>
                    <td>
                      {imp.shippedAt
                        ? `shipped ${format.dateTime(imp.shippedAt)}`
                        : imp.plannedFor ?? '—'}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Flex>
    </Container>
  );
};
