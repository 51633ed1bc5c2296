/*
 * A red flag when a request has overrun an SLA clock; nothing otherwise.
 */
import { Text } from '@backstage/ui';
import { PlatformRequest } from '@internal/plugin-platform-requests-common';
import WarningIcon from '@material-ui/icons/Warning';
import { slaBreaches } from '../../lib/format';

export const SlaFlag = ({ request }: { request: PlatformRequest }) => {
  const breaches = slaBreaches(request);
  if (breaches.length === 0) return null;
  return (
    <Text
      as="span"
      variant="body-small"
      color="danger"
      weight="bold"
      title={`Past the ${breaches.join(' and ')} SLA`}
      style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}
    >
      <WarningIcon fontSize="inherit" aria-hidden />
      SLA breached
    </Text>
  );
};
