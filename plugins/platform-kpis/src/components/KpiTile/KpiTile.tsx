/*
 * One KPI at a glance: its value (formatted by the unit of its definition
 * unless the tile says otherwise), a detail line, the change against the
 * window before, its trend over the window, its tier when it has one, and
 * an ⓘ with its definition and source.
 */
import { Card, CardBody, Flex, Text } from '@backstage/ui';
import {
  KPI_DEFINITIONS,
  KpiDefinition,
  KpiId,
  Tier,
} from '@internal/plugin-platform-kpis-common';
import { useLocaleFormat } from '@internal/lodestar-react';
import { ReactNode } from 'react';
import { formatKpiValue } from '../../lib/format';
import { Sparkline } from '../charts';
import { ChangeIndicator, KpiInfo, TierChip } from '../shared';

export type KpiTileProps = {
  kpi: KpiId;
  /** Instead of the definition's title, e.g. "Valid owner" for a share. */
  title?: string;
  /** The value as shown; by default `current` in the definition's unit. */
  value?: string;
  detail?: ReactNode;
  /** The raw values compared; leave `previous` undefined for no comparison. */
  current: number | null;
  previous?: number | null;
  /** Overrides the definition's direction (orphans: lower is better). */
  better?: KpiDefinition['better'];
  unit?: KpiDefinition['unit'];
  /** "vs previous 90 days" */
  against?: string;
  series?: Array<number | null>;
  /** Shows a tier chip; undefined for KPIs without tiers. */
  tier?: Tier | null;
};

export const KpiTile = (props: KpiTileProps) => {
  const definition = KPI_DEFINITIONS[props.kpi];
  const title = props.title ?? definition.title;
  const unit = props.unit ?? definition.unit;
  const format = useLocaleFormat();
  return (
    <div role="group" aria-label={title} style={{ height: '100%' }}>
      <Card style={{ height: '100%' }}>
        <CardBody>
          <Flex direction="column" gap="1">
            <Flex justify="between" align="center" gap="1">
              <Text variant="body-small" color="secondary" weight="bold">
                {title}
              </Text>
              <Flex align="center" gap="1">
                {props.tier !== undefined && (
                  <TierChip tier={props.tier} label={`${title} tier`} />
                )}
                <KpiInfo kpi={props.kpi} title={title} />
              </Flex>
            </Flex>
            <Text as="p" variant="title-medium" data-testid="kpi-value">
              {props.value ?? formatKpiValue(unit, props.current, format)}
            </Text>
            {props.detail && (
              <Text variant="body-small" color="secondary">
                {props.detail}
              </Text>
            )}
            <ChangeIndicator
              current={props.current}
              previous={props.previous}
              better={props.better ?? definition.better}
              unit={unit}
              against={props.against}
            />
            {props.series && (
              <Sparkline values={props.series} label={`${title} trend`} />
            )}
          </Flex>
        </CardBody>
      </Card>
    </div>
  );
};
