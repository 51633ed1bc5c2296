/*
 * The "Deployments and incidents" card of a Component page: deployments per
 * day, change failure rate and time to restore over 30 days, the latest
 * deployments and incidents, and a link to the service's KPIs.
 */
import { Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ButtonLink,
  Card,
  CardBody,
  CardFooter,
  CardHeader,
  Flex,
  Text,
} from '@backstage/ui';
import { useKpiLinks } from '../../hooks/useKpiLinks';
import { useDora, useRecentEvents } from '../../hooks/useKpiSummaries';
import { NO_DEPLOYMENTS } from '../DoraSection';
import { DemoDataLabel, DoraMetrics, ErrorAlert } from '../shared';
import { EventList } from './EventList';

const WINDOW = '30d';
const EVENTS = 10;

export const ServiceDeliveryCard = () => {
  const { entity } = useEntity();
  const service = stringifyEntityRef(entity);
  const dora = useDora({ window: WINDOW, service });
  const events = useRecentEvents({ service, limit: EVENTS });
  const { kpisLink } = useKpiLinks();
  const kpis = kpisLink({ window: WINDOW, service });

  let list;
  if (events.error) {
    list = (
      <ErrorAlert
        error={events.error}
        title="Events could not be loaded"
        onRetry={events.retry}
      />
    );
  } else if (!events.value) {
    list = <Progress />;
  } else if (events.value.items.length === 0) {
    list = (
      <Text color="secondary">
        No deployments or incidents yet — send deployment events from CI, see
        docs/kpis.md
      </Text>
    );
  } else {
    list = <EventList items={events.value.items} />;
  }

  return (
    <Card>
      <CardHeader>
        <Flex align="center" gap="2">
          <Text as="h2" variant="title-x-small">
            Deployments and incidents
          </Text>
          {dora.value?.demoData && <DemoDataLabel />}
        </Flex>
        <Text variant="body-small" color="secondary">
          Production, last 30 days.
        </Text>
      </CardHeader>
      <CardBody>
        <Flex direction="column" gap="3">
          <DoraMetrics
            dora={dora}
            label="Last 30 days"
            keys={['deploymentFrequency', 'changeFailureRate', 'timeToRestore']}
            empty={NO_DEPLOYMENTS}
          />
          <Text as="h3" variant="body-medium" weight="bold">
            Latest
          </Text>
          {list}
        </Flex>
      </CardBody>
      {kpis && (
        <CardFooter>
          <ButtonLink href={kpis} variant="secondary" size="small">
            Service KPIs
          </ButtonLink>
        </CardFooter>
      )}
    </Card>
  );
};
