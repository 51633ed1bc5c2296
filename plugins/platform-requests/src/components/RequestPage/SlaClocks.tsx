/*
 * The two SLA clocks (triage, resolution): when each is due, whether it was
 * met, and a red flag once overrun.
 */
import { Flex, Text } from '@backstage/ui';
import { LocaleFormat, useLocaleFormat } from '@internal/lodestar-react';
import {
  PlatformRequest,
  SlaClock,
} from '@internal/plugin-platform-requests-common';

const Clock = (props: {
  label: string;
  clock: SlaClock;
  format: LocaleFormat;
}) => {
  const { clock, format } = props;
  let state: string;
  if (clock.metAt) {
    state = clock.breached
      ? `met late, ${format.dateTime(clock.metAt)}`
      : `met ${format.dateTime(clock.metAt)}`;
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
        Target {format.number(clock.targetHours)} h, due{' '}
        {format.dateTime(clock.dueAt)} · {state}
      </Text>
    </Flex>
  );
};

export const SlaClocks = ({ request }: { request: PlatformRequest }) => {
  const format = useLocaleFormat();
  return (
    <Flex direction="column" gap="2">
      <Clock label="Triage" clock={request.sla.triage} format={format} />
      <Clock label="Resolution" clock={request.sla.resolve} format={format} />
    </Flex>
  );
};
