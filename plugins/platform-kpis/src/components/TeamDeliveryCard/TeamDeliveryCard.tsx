/*
 * The "Delivery" card of a Group page: the team's DORA tier over 90 days
 * with its four keys, the requests it has open with the platform team, and
 * links to its KPIs and to those requests.
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
import { useDora, useFlow } from '../../hooks/useKpiSummaries';
import { formatCount, formatDuration, formatShare } from '../../lib/format';
import { NO_DEPLOYMENTS } from '../DoraSection';
import { DemoDataLabel, ErrorAlert, MetricList, TierChip } from '../shared';

const WINDOW = '90d';

export const TeamDeliveryCard = () => {
  const { entity } = useEntity();
  const team = stringifyEntityRef(entity);
  const dora = useDora({ window: WINDOW, team });
  const flow = useFlow({ window: WINDOW, team });
  const { kpisLink, requestsLink } = useKpiLinks();
  const kpis = kpisLink({ team });
  const requests = requestsLink(team);
  const m = dora.value?.metrics;

  let delivery;
  if (dora.error) {
    delivery = (
      <ErrorAlert
        error={dora.error}
        title="DORA could not be loaded"
        onRetry={dora.retry}
      />
    );
  } else if (!m) {
    delivery = <Progress />;
  } else if (
    m.deploymentFrequency.deployments === 0 &&
    m.changeFailureRate.total === 0
  ) {
    delivery = <Text color="secondary">{NO_DEPLOYMENTS}</Text>;
  } else {
    delivery = (
      <MetricList
        label="DORA, last 90 days"
        items={[
          {
            label: 'Deployments',
            value: `${m.deploymentFrequency.perDay.toFixed(2)} / day`,
          },
          {
            label: 'Lead time',
            value: formatDuration(m.leadTime.medianSeconds),
          },
          {
            label: 'Change failure rate',
            value: formatShare(m.changeFailureRate.rate),
          },
          {
            label: 'Time to restore',
            value: formatDuration(m.timeToRestore.medianSeconds),
          },
        ]}
      />
    );
  }

  let openRequests;
  if (flow.error) {
    openRequests = (
      <ErrorAlert
        error={flow.error}
        title="Requests could not be loaded"
        onRetry={flow.retry}
      />
    );
  } else if (flow.value) {
    openRequests = (
      <Text>
        <Text as="span" weight="bold" data-testid="open-requests">
          {formatCount(flow.value.backlog.open)}
        </Text>{' '}
        open request{flow.value.backlog.open === 1 ? '' : 's'} with the platform
        team
      </Text>
    );
  }

  return (
    <Card>
      <CardHeader>
        <Flex align="center" gap="2" style={{ flexWrap: 'wrap' }}>
          <Text as="h2" variant="title-x-small">
            Delivery
          </Text>
          {m && <TierChip tier={m.tier} label="DORA tier, last 90 days" />}
          {dora.value?.demoData && <DemoDataLabel />}
        </Flex>
        <Text variant="body-small" color="secondary">
          DORA of the team's services, last 90 days.
        </Text>
      </CardHeader>
      <CardBody>
        <Flex direction="column" gap="3">
          {delivery}
          {openRequests}
        </Flex>
      </CardBody>
      <CardFooter>
        <Flex gap="2" style={{ flexWrap: 'wrap' }}>
          {kpis && (
            <ButtonLink href={kpis} variant="secondary" size="small">
              Team KPIs
            </ButtonLink>
          )}
          {requests && (
            <ButtonLink href={requests} variant="secondary" size="small">
              Team requests
            </ButtonLink>
          )}
        </Flex>
      </CardFooter>
    </Card>
  );
};
