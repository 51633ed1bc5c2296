/*
 * A list of requests loaded page by page: its error, the table and "Load
 * more" while the server has another page. Used by the Requests page and the
 * entity tabs.
 */
import { Button, Flex } from '@backstage/ui';
import { PlatformRequestsConfig } from '../../api';
import { useRequestPages } from '../../hooks/useRequestPages';
import { ErrorAlert } from '../shared';
import { RequestTable } from './RequestTable';

export const PagedRequestTable = (props: {
  pages: ReturnType<typeof useRequestPages>;
  config: PlatformRequestsConfig | undefined;
  emptyState: string;
}) => {
  const { pages, config, emptyState } = props;
  return (
    <>
      <ErrorAlert error={pages.error} />
      <RequestTable
        requests={pages.items}
        config={config}
        loading={pages.loading}
        emptyState={emptyState}
      />
      {pages.nextCursor && (
        <Flex justify="center">
          <Button
            variant="secondary"
            onPress={pages.loadMore}
            isPending={pages.loading}
          >
            Load more
          </Button>
        </Flex>
      )}
    </>
  );
};
