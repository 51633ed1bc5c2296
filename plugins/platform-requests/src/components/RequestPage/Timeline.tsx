/*
 * Everything that happened to the request, oldest first.
 */
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Flex, Text } from '@backstage/ui';
import { useLocaleFormat } from '@internal/lodestar-react';
import { TimelineEntry } from '@internal/plugin-platform-requests-common';
import { assigneeOf, describeTimelineEntry } from './timelineText';

export const Timeline = ({ entries }: { entries: TimelineEntry[] }) => {
  const format = useLocaleFormat();
  return entries.length === 0 ? (
    <Text color="secondary">Nothing has happened yet.</Text>
  ) : (
    <ol aria-label="Timeline" style={{ margin: 0, paddingLeft: 20 }}>
      {entries.map(entry => (
        <li key={entry.id}>
          <Flex direction="column" gap="0.5" mb="2">
            <Text variant="body-small">
              <bdi>
                <EntityRefLink entityRef={entry.actor} hideIcon />
              </bdi>{' '}
              {describeTimelineEntry(entry)}
              {assigneeOf(entry) && (
                <>
                  {' '}
                  <bdi>
                    <EntityRefLink entityRef={assigneeOf(entry)!} hideIcon />
                  </bdi>
                </>
              )}
              <Text as="span" variant="body-small" color="secondary">
                {' '}
                · {format.dateTime(entry.at)}
              </Text>
            </Text>
            {entry.comment && (
              <Text variant="body-small" color="secondary">
                “<bdi>{entry.comment}</bdi>”
              </Text>
            )}
          </Flex>
        </li>
      ))}
    </ol>
  );
};
