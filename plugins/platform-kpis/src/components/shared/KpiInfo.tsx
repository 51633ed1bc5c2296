/*
 * The ⓘ next to a KPI: what it measures, where the numbers come from and,
 * for the DORA keys, the tier bands.
 */
import { ButtonIcon, Flex, Text, Tooltip, TooltipTrigger } from '@backstage/ui';
import {
  KPI_DEFINITIONS,
  KpiId,
  TIER_BANDS,
  TIERS,
} from '@internal/plugin-platform-kpis-common';
import InfoOutlined from '@material-ui/icons/InfoOutlined';
import { TIER_LABELS } from '../../lib/format';

export const KpiInfo = (props: { kpi: KpiId; title?: string }) => {
  const definition = KPI_DEFINITIONS[props.kpi];
  const bands =
    props.kpi in TIER_BANDS
      ? TIER_BANDS[props.kpi as keyof typeof TIER_BANDS]
      : undefined;
  return (
    <TooltipTrigger delay={200}>
      <ButtonIcon
        aria-label={`About ${props.title ?? definition.title}`}
        icon={<InfoOutlined fontSize="inherit" />}
        size="small"
        variant="tertiary"
      />
      <Tooltip>
        <Flex direction="column" gap="1" style={{ maxWidth: 320 }}>
          <Text variant="body-small">{definition.definition}</Text>
          <Text variant="body-small" color="secondary">
            Source: {definition.source}.
          </Text>
          {bands && (
            <Text as="span" variant="body-small">
              {TIERS.map(tier => (
                <span key={tier} style={{ display: 'block' }}>
                  {TIER_LABELS[tier]}: {bands[tier]}
                </span>
              ))}
            </Text>
          )}
        </Flex>
      </Tooltip>
    </TooltipTrigger>
  );
};
