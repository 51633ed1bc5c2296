/*
 * The two SLA clocks (triage, resolution): when each is due, whether it was
 * met, and a red flag once overrun.
 */
import { Flex, Text } from '@backstage/ui';
import {
  PlatformRequest,
  SlaClock,
} from '@internal/plugin-platform-requests-common';
import { formatDateTime } from '../../lib/format';

const Clock = (props: { label: string; clock: SlaClock }) => {
  const { clock } = props;
  let state: string;
  if (clock.metAt) {
    state = clock.breached
      ? `met late, ${formatDateTime(clock.metAt)}`
      : `met ${formatDateTime(clock.metAt)}`;
  } else {
    state = clock.breached ? 'overdue' : 'running';
  }
  return (
    <Flex
      direction="column"
      gap="0.5"
      data-testid={`sla-${props.label.toLowerCase()}`}
    >
      <Text weight="bold">
        {props.label}:{' '}
        <Text as="span" color={clock.breached ? 'danger' : 'success'}>
          {clock.breached ? 'breached' : 'on time'}
        </Text>
      </Text>
      <Text variant="body-small" color="secondary">
        Target {clock.targetHours} h, due {formatDateTime(clock.dueAt)} ·{' '}
        {state}
      </Text>
    </Flex>
  );
};

export const SlaClocks = ({ request }: { request: PlatformRequest }) => (
  <Flex direction="column" gap="2">
    <Clock label="Triage" clock={request.sla.triage} />
    <Clock label="Resolution" clock={request.sla.resolve} />
  </Flex>
);
