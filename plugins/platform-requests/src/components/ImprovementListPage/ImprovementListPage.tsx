/*
 * /improvements: what the platform team does about the requests, newest
 * first, each with the demand it answers (votes, teams, hours lost per
 * week summed over its requests). The platform team creates them here.
 */
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { ButtonLink, Container, Flex, Link, Text } from '@backstage/ui';
import {
  improvementCreatePermission,
  IMPROVEMENT_STATUSES,
  ImprovementStatus,
} from '@internal/plugin-platform-requests-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { improvementsApiRef } from '../../api';
import { useImprovementLinks } from '../../hooks/useImprovementLinks';
import { useRequestLinks } from '../../hooks/useRequestLinks';
import { IMPROVEMENT_STATUS_LABELS } from '../../lib/improvements';
import { ImprovementTable } from '../ImprovementTable';
import { ErrorAlert } from '../shared';

export const ImprovementListPage = () => {
  const api = useApi(improvementsApiRef);
  const { newImprovementLink } = useImprovementLinks();
  const { effortLink } = useRequestLinks();
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
          <Flex gap="3" align="center">
            {effortLink && <Link href={effortLink}>Where effort goes</Link>}
            {create.allowed && newImprovementLink && (
              <ButtonLink href={newImprovementLink} variant="primary">
                New improvement
              </ButtonLink>
            )}
          </Flex>
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
          <ImprovementTable improvements={list.value} />
        )}
      </Flex>
    </Container>
  );
};
