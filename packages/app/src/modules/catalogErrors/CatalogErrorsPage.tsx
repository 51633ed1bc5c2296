import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { Alert, Card, CardBody, Container, Flex, Text } from '@backstage/ui';
import { useLocaleFormat } from '@internal/lodestar-react';
import useAsync from 'react-use/esm/useAsync';

type CatalogError = {
  entity: string;
  location?: string;
  message: string;
  firstSeen: string;
  lastSeen: string;
};

export const CatalogErrorsPage = () => {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const format = useLocaleFormat();
  const { value, loading, error } = useAsync(async () => {
    const base = await discoveryApi.getBaseUrl('catalog-errors');
    const res = await fetchApi.fetch(`${base}/errors`);
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return (await res.json()).items as CatalogError[];
  }, [discoveryApi, fetchApi]);

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;

  return (
    <Container py="4">
      <Flex direction="column" gap="4">
        <Text color="secondary">
          Files and entities the catalog could not process during the last 15
          minutes. Everything else keeps loading; fix the file and the entry
          disappears after the next processing round.
        </Text>
        {value!.length === 0 && (
          <Alert status="success" title="No processing errors" />
        )}
        {value!.map(item => (
          <Card key={`${item.entity}|${item.location}`}>
            <CardBody>
              <Flex direction="column" gap="1" data-testid="catalog-error">
                <Text weight="bold">{item.location ?? item.entity}</Text>
                <Text variant="body-small" color="secondary">
                  <bdi>{item.entity}</bdi> · last seen{' '}
                  {format.dateTime(item.lastSeen)}
                </Text>
                <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                  {item.message}
                </pre>
              </Flex>
            </CardBody>
          </Card>
        ))}
      </Flex>
    </Container>
  );
};
