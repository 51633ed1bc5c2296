/*
 * One section of the KPI page: a heading, then a spinner, the error (with a
 * retry), the empty state or the content. Each section owns its state, so
 * one failing endpoint leaves the others on screen.
 */
import { Progress } from '@backstage/core-components';
import { Flex, Text } from '@backstage/ui';
import { ErrorAlert } from '@internal/lodestar-react';
import { ReactNode } from 'react';
import { KpiState } from '../../hooks/useKpiSummaries';

export type KpiSectionProps<T> = {
  title: string;
  /** Under the title: the scope and window, in words. */
  subtitle?: (value: T | undefined) => ReactNode;
  /** Next to the title, e.g. the tier or the demo label. */
  badges?: (value: T) => ReactNode;
  state: KpiState<T>;
  /** The message when the answer holds nothing to show; null when it does. */
  empty?: (value: T) => ReactNode | null;
  children: (value: T) => ReactNode;
};

export function KpiSection<T>(props: KpiSectionProps<T>) {
  const { state } = props;
  const id = `kpi-section-${props.title.toLowerCase().replace(/\W+/g, '-')}`;
  const value = state.value;
  const emptyMessage = value !== undefined ? props.empty?.(value) : null;

  let body: ReactNode;
  if (state.error) {
    body = (
      <ErrorAlert
        error={state.error}
        title={`${props.title} could not be loaded`}
        onRetry={state.retry}
      />
    );
  } else if (state.loading && value === undefined) {
    body = <Progress />;
  } else if (value === undefined) {
    body = null;
  } else if (emptyMessage) {
    body = <Text color="secondary">{emptyMessage}</Text>;
  } else {
    body = props.children(value);
  }

  return (
    <section aria-labelledby={id}>
      <Flex direction="column" gap="3">
        <Flex align="center" gap="3" style={{ flexWrap: 'wrap' }}>
          <Text as="h2" variant="title-small" id={id}>
            {props.title}
          </Text>
          {value !== undefined && !state.error && props.badges?.(value)}
        </Flex>
        {props.subtitle && (
          <Text variant="body-small" color="secondary">
            {props.subtitle(state.error ? undefined : value)}
          </Text>
        )}
        {/* Kept on screen, dimmed, while the next filters' answer loads. */}
        <div
          aria-busy={state.loading}
          style={{ opacity: state.loading && value !== undefined ? 0.6 : 1 }}
        >
          <Flex direction="column" gap="3">
            {body}
          </Flex>
        </div>
      </Flex>
    </section>
  );
}
