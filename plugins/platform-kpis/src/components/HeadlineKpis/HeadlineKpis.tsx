/*
 * Three headline KPIs of the organisation over 30 days, for the home page:
 * deployment frequency, lead time for changes and the open request backlog,
 * each against the window before and linking to the KPI page.
 */
import { Flex, Grid, Link, Text } from '@backstage/ui';
import { errorMessage, useLocaleFormat } from '@internal/lodestar-react';
import { KPI_DEFINITIONS } from '@internal/plugin-platform-kpis-common';
import { ReactNode } from 'react';
import { useKpiLinks } from '../../hooks/useKpiLinks';
import { useDora, useFlow } from '../../hooks/useKpiSummaries';
import { backlogAtStart } from '../../lib/backlog';
import {
  againstPrevious,
  formatCount,
  formatDuration,
  formatPerDay,
} from '../../lib/format';
import {
  ChangeIndicator,
  ChangeIndicatorProps,
  DemoDataLabel,
} from '../shared';

const WINDOW = '30d';

type HeadlineProps = {
  title: string;
  href?: string;
  value: string;
  change?: ChangeIndicatorProps;
  error?: unknown;
};

const Headline = (props: HeadlineProps) => {
  let body: ReactNode;
  if (props.error) {
    body = (
      <Text variant="body-small" color="danger" role="alert">
        Could not load: {errorMessage(props.error)}
      </Text>
    );
  } else {
    body = (
      <>
        <Text as="p" variant="title-medium" data-testid="headline-value">
          {props.value}
        </Text>
        {props.change && <ChangeIndicator {...props.change} />}
      </>
    );
  }
  return (
    <div role="group" aria-label={props.title}>
      <Flex direction="column" gap="1">
        {props.href ? (
          <Link href={props.href} variant="body-small" weight="bold">
            {props.title}
          </Link>
        ) : (
          <Text variant="body-small" weight="bold">
            {props.title}
          </Text>
        )}
        {body}
      </Flex>
    </div>
  );
};

export const HeadlineKpis = () => {
  const dora = useDora({ window: WINDOW, include: ['previous'] });
  const flow = useFlow({ window: WINDOW });
  const { kpisLink } = useKpiLinks();
  const href = kpisLink({ window: WINDOW });
  const m = dora.value?.metrics;
  const p = dora.value?.previous;
  const format = useLocaleFormat();
  const against = againstPrevious(30, format);

  return (
    <>
      {dora.value?.demoData && <DemoDataLabel />}
      <Grid.Root columns={{ initial: '1', sm: '3' }} gap="4">
        <Grid.Item>
          <Headline
            title={KPI_DEFINITIONS.deploymentFrequency.title}
            href={href}
            error={dora.error}
            value={formatPerDay(m?.deploymentFrequency.perDay, format)}
            change={{
              current: m?.deploymentFrequency.perDay,
              previous: p?.deploymentFrequency.perDay,
              better: KPI_DEFINITIONS.deploymentFrequency.better,
              against,
            }}
          />
        </Grid.Item>
        <Grid.Item>
          <Headline
            title={KPI_DEFINITIONS.leadTime.title}
            href={href}
            error={dora.error}
            value={formatDuration(m?.leadTime.medianSeconds, format)}
            change={{
              current: m?.leadTime.medianSeconds,
              previous: p?.leadTime.medianSeconds,
              better: KPI_DEFINITIONS.leadTime.better,
              against,
            }}
          />
        </Grid.Item>
        <Grid.Item>
          <Headline
            title="Open request backlog"
            href={href}
            error={flow.error}
            value={formatCount(flow.value?.backlog.open, format)}
            change={{
              current: flow.value?.backlog.open,
              previous: flow.value ? backlogAtStart(flow.value) : undefined,
              better: KPI_DEFINITIONS.backlog.better,
              against: 'vs 30 days ago',
            }}
          />
        </Grid.Item>
      </Grid.Root>
    </>
  );
};
