/*
 * A service's latest deployments and incidents, newest first.
 */
import { Flex, Text } from '@backstage/ui';
import { LocaleFormat, useLocaleFormat } from '@internal/lodestar-react';
import { RecentEvents } from '@internal/plugin-platform-kpis-common';
import CheckCircle from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import Warning from '@material-ui/icons/Warning';
import { formatAgo, formatDuration } from '../../lib/format';

type Item = RecentEvents['items'][number];

const ICON_STYLE = { fontSize: 16, flexShrink: 0, marginTop: 2 };

// The environment and severity come from CI and the incident tool: their
// own <bdi>, as other text from outside.
const EventLine = ({ item, format }: { item: Item; format: LocaleFormat }) => {
  if (item.type === 'deployment') {
    const ok = item.status === 'success';
    return (
      <Flex gap="2" align="start">
        {ok ? (
          <CheckCircle
            style={{ ...ICON_STYLE, color: '#22c55e' }}
            aria-hidden
          />
        ) : (
          <ErrorIcon style={{ ...ICON_STYLE, color: '#ef4444' }} aria-hidden />
        )}
        <Text variant="body-small">
          Deployment to <bdi>{item.environment}</bdi>{' '}
          {ok ? 'succeeded' : 'failed'}{' '}
          <Text
            as="span"
            variant="body-small"
            color="secondary"
            title={format.dateTime(item.finishedAt)}
          >
            {formatAgo(item.finishedAt, format)}
            {item.leadTimeSeconds !== null &&
              ` · lead time ${formatDuration(item.leadTimeSeconds, format)}`}
          </Text>
          {item.causedIncident && (
            <Text as="span" variant="body-small" color="danger">
              {' '}
              · caused an incident
            </Text>
          )}
        </Text>
      </Flex>
    );
  }
  const restore =
    item.resolvedAt &&
    (Date.parse(item.resolvedAt) - Date.parse(item.openedAt)) / 1000;
  return (
    <Flex gap="2" align="start">
      <Warning style={{ ...ICON_STYLE, color: '#f59e0b' }} aria-hidden />
      <Text variant="body-small">
        Incident (<bdi>{item.severity}</bdi>) opened{' '}
        <Text
          as="span"
          variant="body-small"
          color="secondary"
          title={format.dateTime(item.openedAt)}
        >
          {formatAgo(item.openedAt, format)}
        </Text>
        {item.resolvedAt ? (
          <Text as="span" variant="body-small" color="secondary">
            {' '}
            · restored in {formatDuration(restore || 0, format)}
          </Text>
        ) : (
          <Text as="span" variant="body-small" color="danger">
            {' '}
            · still open
          </Text>
        )}
      </Text>
    </Flex>
  );
};

export const EventList = ({ items }: { items: Item[] }) => {
  const format = useLocaleFormat();
  return (
    <ul
      aria-label="Latest deployments and incidents"
      style={{ listStyle: 'none', margin: 0, padding: 0 }}
    >
      {items.map(item => (
        <li key={`${item.type}:${item.id}`} style={{ marginBottom: 6 }}>
          <EventLine item={item} format={format} />
        </li>
      ))}
    </ul>
  );
};
