/*
 * Everything that happened to the request, oldest first.
 */
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Flex, Text } from '@backstage/ui';
import { TimelineEntry } from '@internal/plugin-platform-requests-common';
import { formatDateTime } from '../../lib/format';
import { assigneeOf, describeTimelineEntry } from './timelineText';

export const Timeline = ({ entries }: { entries: TimelineEntry[] }) =>
  entries.length === 0 ? (
    <Text color="secondary">Nothing has happened yet.</Text>
  ) : (
    <ol aria-label="Timeline" style={{ margin: 0, paddingLeft: 20 }}>
      {entries.map(entry => (
        <li key={entry.id}>
          <Flex direction="column" gap="0.5" mb="2">
            <Text variant="body-small">
              <EntityRefLink entityRef={entry.actor} hideIcon />{' '}
              {describeTimelineEntry(entry)}
              {assigneeOf(entry) && (
                <>
                  {' '}
                  <EntityRefLink entityRef={assigneeOf(entry)!} hideIcon />
                </>
              )}
              <Text as="span" variant="body-small" color="secondary">
                {' '}
                · {formatDateTime(entry.at)}
              </Text>
            </Text>
            {entry.comment && (
              <Text variant="body-small" color="secondary">
                “{entry.comment}”
              </Text>
            )}
          </Flex>
        </li>
      ))}
    </ol>
  );
