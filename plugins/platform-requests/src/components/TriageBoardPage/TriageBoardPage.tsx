/*
 * /requests/triage: the platform team's board. A column per open status,
 * highest priority first, and the recently done; every move reloads the
 * board so a card lands in its new column.
 */
import { Progress } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import { Alert, Container, Flex, Text } from '@backstage/ui';
import {
  OPEN_STATUSES,
  platformRequestTriagePermission,
  RequestStatus,
  STATUS_LABELS,
} from '@internal/plugin-platform-requests-common';
import { useCallback, useMemo, useState } from 'react';
import { RequestListQuery } from '../../api';
import { useRequestPages } from '../../hooks/useRequestPages';
import { ErrorAlert } from '../shared';
import { PlatformTeamBanner } from './PlatformTeamBanner';
import { TriageCard } from './TriageCard';

export const BOARD_STATUSES: RequestStatus[] = [...OPEN_STATUSES, 'done'];
const COLUMN_LIMIT = 50;

const BoardColumn = (props: {
  status: RequestStatus;
  refreshToken: number;
  onChanged: () => void;
}) => {
  const { status } = props;
  const query = useMemo<RequestListQuery>(
    () => ({
      status: [status],
      // Open columns by priority; done by when it was finished.
      sort: status === 'done' ? '-updated' : '-priority',
      limit: COLUMN_LIMIT,
    }),
    [status],
  );
  const pages = useRequestPages(query, props.refreshToken);
  const heading = `${STATUS_LABELS[status]} (${pages.items.length}${
    pages.nextCursor ? '+' : ''
  })`;

  return (
    <section aria-label={STATUS_LABELS[status]}>
      <Flex direction="column" gap="2">
        <Text as="h3" variant="title-x-small">
          {heading}
        </Text>
        <ErrorAlert error={pages.error} />
        {pages.loading && pages.items.length === 0 && <Progress />}
        {pages.items.map(request => (
          <TriageCard
            key={request.key}
            request={request}
            onChanged={props.onChanged}
          />
        ))}
      </Flex>
    </section>
  );
};

export const TriageBoardPage = () => {
  const { allowed, loading } = usePermission({
    permission: platformRequestTriagePermission,
  });
  const [refreshToken, setRefreshToken] = useState(0);
  const refresh = useCallback(() => setRefreshToken(n => n + 1), []);

  if (loading) return <Progress />;
  if (!allowed) {
    return (
      <Container py="4">
        <PlatformTeamBanner />
        <Alert
          status="info"
          icon
          title="The triage board is for the platform team."
          description="Everyone can follow requests on the Requests page."
        />
      </Container>
    );
  }

  return (
    <Container py="4">
      <PlatformTeamBanner />
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: `repeat(${BOARD_STATUSES.length}, minmax(220px, 1fr))`,
          gap: 12,
          overflowX: 'auto',
        }}
      >
        {BOARD_STATUSES.map(status => (
          <BoardColumn
            key={status}
            status={status}
            refreshToken={refreshToken}
            onChanged={refresh}
          />
        ))}
      </div>
    </Container>
  );
};
