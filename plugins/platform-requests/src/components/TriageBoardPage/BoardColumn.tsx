/*
 * One column of the triage board: how many requests it holds, the first
 * page of them most urgent first, and "Show more" for the next page. A page
 * at a time keeps the column short however many requests wait.
 */
import { Progress } from '@backstage/core-components';
import { Button, Flex, Text } from '@backstage/ui';
import {
  RequestStatus,
  STATUS_LABELS,
} from '@internal/plugin-platform-requests-common';
import { useLocaleFormat } from '@internal/lodestar-react';
import { useMemo } from 'react';
import { RequestListQuery } from '../../api';
import { useRequestPages } from '../../hooks/useRequestPages';
import { formatCount } from '../../lib/format';
import { inTriageOrder } from '../../lib/triageOrder';
import { ErrorAlert } from '../shared';
import { TriageCard } from './TriageCard';
import { BoardFilters } from './TriageFilters';

export const COLUMN_PAGE_SIZE = 20;

export const BoardColumn = (props: {
  status: RequestStatus;
  filters: BoardFilters;
  refreshToken: number;
  onChanged: () => void;
}) => {
  const { status, filters } = props;
  const done = status === 'done';
  const query = useMemo<RequestListQuery>(
    () => ({
      status: [status],
      // Open columns by priority; done by when it was finished.
      sort: done ? '-updated' : '-priority',
      limit: COLUMN_PAGE_SIZE,
      urgency: filters.urgency,
      category: filters.category ? [filters.category] : undefined,
      team: filters.team ? [filters.team] : undefined,
    }),
    [status, done, filters],
  );
  const pages = useRequestPages(query, props.refreshToken);
  // The server pages by priority; among equal priorities, SLA risk decides.
  const cards = done ? pages.items : inTriageOrder(pages.items);
  const label = STATUS_LABELS[status];
  const format = useLocaleFormat();
  const total = formatCount(pages.total, format);

  return (
    <section aria-label={label} data-column={status}>
      <Flex direction="column" gap="2">
        <Text as="h3" variant="title-x-small">
          {label}{' '}
          <span aria-label={`${total} requests`} data-column-count>
            ({total})
          </span>
        </Text>
        <ErrorAlert error={pages.error} />
        {pages.loading && cards.length === 0 && <Progress />}
        {cards.map(request => (
          <TriageCard
            key={request.key}
            request={request}
            onChanged={props.onChanged}
          />
        ))}
        {pages.nextCursor && (
          <Flex direction="column" align="center" gap="1">
            <Text variant="body-small" color="secondary">
              Showing {formatCount(cards.length, format)} of {total}
            </Text>
            <Button
              variant="secondary"
              size="small"
              onPress={pages.loadMore}
              isPending={pages.loading}
              aria-label={`Show more ${label}`}
            >
              Show more
            </Button>
          </Flex>
        )}
      </Flex>
    </section>
  );
};
