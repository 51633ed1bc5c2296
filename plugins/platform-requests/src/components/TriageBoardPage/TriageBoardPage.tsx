/*
 * /requests/triage: the platform team's board. A column per open status,
 * most urgent first, and the recently done, each a page at a time and all
 * filtered alike; every move reloads the board so a card lands in its new
 * column.
 */
import { Progress } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import { Alert, Container, Flex } from '@backstage/ui';
import {
  OPEN_STATUSES,
  platformRequestTriagePermission,
  RequestStatus,
} from '@internal/plugin-platform-requests-common';
import { useCallback, useState } from 'react';
import { usePlatformRequestsConfig } from '../../hooks/usePlatformRequestsConfig';
import { BoardColumn } from './BoardColumn';
import { PlatformTeamBanner } from './PlatformTeamBanner';
import { BoardFilters, NO_BOARD_FILTERS, TriageFilters } from './TriageFilters';

export const BOARD_STATUSES: RequestStatus[] = [...OPEN_STATUSES, 'done'];

export const TriageBoardPage = () => {
  const { allowed, loading } = usePermission({
    permission: platformRequestTriagePermission,
  });
  const config = usePlatformRequestsConfig();
  const [filters, setFilters] = useState<BoardFilters>(NO_BOARD_FILTERS);
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
      <Flex direction="column" gap="4">
        <TriageFilters
          filters={filters}
          onChange={setFilters}
          config={config.value}
        />
        <div
          style={{
            display: 'grid',
            gridTemplateColumns: `repeat(${BOARD_STATUSES.length}, minmax(220px, 1fr))`,
            gap: 12,
            overflowX: 'auto',
            // Each column as tall as its own cards, not the longest one.
            alignItems: 'start',
          }}
        >
          {BOARD_STATUSES.map(status => (
            <BoardColumn
              key={status}
              status={status}
              filters={filters}
              refreshToken={refreshToken}
              onChanged={refresh}
            />
          ))}
        </div>
      </Flex>
    </Container>
  );
};
