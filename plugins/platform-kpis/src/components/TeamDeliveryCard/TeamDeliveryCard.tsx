/*
 * The "Delivery" card of a Group page: the team's DORA tier over 90 days
 * with its four keys, the requests it has open with the platform team, and
 * links to its KPIs and to those requests.
 */
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
import { useLocaleFormat } from '@internal/lodestar-react';
import { useKpiLinks } from '../../hooks/useKpiLinks';
import { useDora, useFlow } from '../../hooks/useKpiSummaries';
import { formatCount } from '../../lib/format';
import { NO_DEPLOYMENTS } from '../DoraSection';
import { DemoDataLabel, DoraMetrics, ErrorAlert, TierChip } from '../shared';

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
  const format = useLocaleFormat();

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
          {formatCount(flow.value.backlog.open, format)}
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
          <DoraMetrics
            dora={dora}
            label="DORA, last 90 days"
            keys={[
              'deploymentFrequency',
              'leadTime',
              'changeFailureRate',
              'timeToRestore',
            ]}
            empty={NO_DEPLOYMENTS}
          />
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
