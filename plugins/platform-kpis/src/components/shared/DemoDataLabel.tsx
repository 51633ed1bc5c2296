/*
 * Says plainly that some numbers come from the demo seeder, so nobody takes
 * them for the real thing.
 */
import { Text } from '@backstage/ui';

export const DemoDataLabel = () => (
  <Text
    as="span"
    variant="body-small"
    weight="bold"
    color="warning"
    title="Some events in this scope were sent by the demo seeder"
    style={{
      border: '1px dashed currentColor',
      borderRadius: 4,
      padding: '0 6px',
    }}
  >
    Demo data
  </Text>
);
