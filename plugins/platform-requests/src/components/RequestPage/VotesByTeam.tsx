/*
 * Who wants this: votes per requesting team, most first.
 */
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Flex, Text } from '@backstage/ui';
import { useLocaleFormat } from '@internal/lodestar-react';
import { PlatformRequest } from '@internal/plugin-platform-requests-common';
import { formatCount, formatVotes } from '../../lib/format';

export const VotesByTeam = ({ request }: { request: PlatformRequest }) => {
  const format = useLocaleFormat();
  const teams = [...request.votes.byTeam].sort((a, b) => b.count - a.count);
  return (
    <Flex direction="column" gap="1">
      <Text>{formatVotes(request.votes, format)}</Text>
      {teams.length > 0 && (
        <ul aria-label="Votes by team" style={{ margin: 0, paddingLeft: 20 }}>
          {teams.map(t => (
            <li key={t.team}>
              <Text variant="body-small">
                <bdi>
                  <EntityRefLink entityRef={t.team} hideIcon />
                </bdi>
                : {formatCount(t.count, format)}
              </Text>
            </li>
          ))}
        </ul>
      )}
    </Flex>
  );
};
