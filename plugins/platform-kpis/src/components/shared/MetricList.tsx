/*
 * A few label–value pairs in a compact grid, for the entity cards.
 */
import { Text } from '@backstage/ui';
import { ReactNode } from 'react';

export type MetricListItem = { label: string; value: ReactNode };

export const MetricList = (props: {
  items: MetricListItem[];
  label: string;
}) => (
  <div role="group" aria-label={props.label}>
    <dl
      style={{
        display: 'grid',
        gridTemplateColumns: 'repeat(auto-fit, minmax(140px, 1fr))',
        gap: 12,
        margin: 0,
      }}
    >
      {props.items.map(item => (
        <div key={item.label}>
          <dt>
            <Text variant="body-small" color="secondary">
              {item.label}
            </Text>
          </dt>
          <dd style={{ margin: 0 }}>
            <Text variant="body-large" weight="bold">
              {item.value}
            </Text>
          </dd>
        </div>
      ))}
    </dl>
  </div>
);
