/*
 * Tiles side by side: one column on a phone, up to `columns` on a wide
 * screen.
 */
import { Grid } from '@backstage/ui';
import { Children, ReactNode } from 'react';

export const TileGrid = (props: {
  columns?: '2' | '3' | '4' | '5' | '6';
  children: ReactNode;
}) => (
  <Grid.Root
    columns={{ initial: '1', sm: '2', lg: props.columns ?? '4' }}
    gap="3"
  >
    {Children.toArray(props.children).map((child, i) => (
      <Grid.Item key={i}>{child}</Grid.Item>
    ))}
  </Grid.Root>
);
