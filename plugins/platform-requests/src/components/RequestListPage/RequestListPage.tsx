/*
 * /requests: every request, filtered and sorted through the URL, a page at a
 * time, with a CSV export of exactly what is filtered.
 */
import { useApi, useAppSearchParams } from '@backstage/frontend-plugin-api';
import { Button, Container, Flex, Text } from '@backstage/ui';
import { saveBlob } from '@internal/lodestar-react';
import { useMemo } from 'react';
import { platformRequestsApiRef } from '../../api';
import { useAction } from '../../hooks/useAction';
import { usePlatformRequestsConfig } from '../../hooks/usePlatformRequestsConfig';
import { useRequestPages } from '../../hooks/useRequestPages';
import { PagedRequestTable } from '../RequestTable';
import { ErrorAlert } from '../shared';
import {
  filtersToParams,
  ListFilters,
  parseFilters,
  toListQuery,
} from './listFilters';
import { RequestFilters } from './RequestFilters';

export const RequestListPage = () => {
  const api = useApi(platformRequestsApiRef);
  const [params, setParams] = useAppSearchParams();
  const config = usePlatformRequestsConfig();
  const paramsKey = params.toString();
  const filters = useMemo(
    () => parseFilters(new URLSearchParams(paramsKey)),
    [paramsKey],
  );
  const query = useMemo(() => toListQuery(filters), [filters]);
  const pages = useRequestPages(query);
  const exporting = useAction();

  const updateFilters = (
    patch: Partial<ListFilters>,
    options?: { replace?: boolean },
  ) => setParams(filtersToParams({ ...filters, ...patch }), options);

  const exportCsv = () =>
    exporting.run(async () =>
      saveBlob(await api.exportCsv(query), 'platform-requests.csv'),
    );

  return (
    <Container py="4">
      <Flex direction="column" gap="4">
        <Flex justify="between" align="center">
          <Text color="secondary">
            What teams need from the platform. Vote for what you need too: votes
            from more teams raise a request's priority.
          </Text>
          <Flex gap="2">
            <Button
              variant="secondary"
              onPress={exportCsv}
              isPending={exporting.pending}
            >
              Export CSV
            </Button>
          </Flex>
        </Flex>
        <ErrorAlert error={exporting.error} title="The export failed" />
        <RequestFilters
          filters={filters}
          onChange={updateFilters}
          config={config.value}
        />
        <PagedRequestTable
          pages={pages}
          config={config.value}
          emptyState="No requests match these filters."
        />
      </Flex>
    </Container>
  );
};
