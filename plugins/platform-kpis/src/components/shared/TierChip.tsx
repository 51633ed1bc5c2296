/*
 * A DORA tier as a coloured chip: elite green, high blue, medium amber, low
 * red; "No tier" in grey when there was nothing to rate.
 */
import { Text } from '@backstage/ui';
import { Tier } from '@internal/plugin-platform-kpis-common';
import { TIER_LABELS } from '../../lib/format';
import { SrOnly } from './SrOnly';

const TIER_COLORS = {
  elite: 'success',
  high: 'info',
  medium: 'warning',
  low: 'danger',
} as const;

export const TierChip = (props: { tier: Tier | null; label?: string }) => {
  const text = props.tier ? TIER_LABELS[props.tier] : 'No tier';
  return (
    <Text
      as="span"
      variant="body-small"
      weight="bold"
      color={props.tier ? TIER_COLORS[props.tier] : 'secondary'}
      title={`${props.label ?? 'DORA tier'}: ${text}`}
      data-tier={props.tier ?? 'none'}
      style={{
        display: 'inline-block',
        border: '1px solid currentColor',
        borderRadius: 12,
        padding: '0 8px',
        whiteSpace: 'nowrap',
      }}
    >
      <SrOnly>{props.label ?? 'DORA tier'}: </SrOnly>
      {text}
    </Text>
  );
};
