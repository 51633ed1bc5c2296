/*
 * Who wants this: votes per requesting team, most first.
 */
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Flex, Text } from '@backstage/ui';
import { PlatformRequest } from '@internal/plugin-platform-requests-common';
import { formatVotes } from '../../lib/format';

export const VotesByTeam = ({ request }: { request: PlatformRequest }) => {
  const teams = [...request.votes.byTeam].sort((a, b) => b.count - a.count);
  return (
    <Flex direction="column" gap="1">
      <Text>{formatVotes(request.votes)}</Text>
      {teams.length > 0 && (
        <ul aria-label="Votes by team" style={{ margin: 0, paddingLeft: 20 }}>
          {teams.map(t => (
            <li key={t.team}>
              <Text variant="body-small">
                <EntityRefLink entityRef={t.team} hideIcon />: {t.count}
              </Text>
            </li>
          ))}
        </ul>
      )}
    </Flex>
  );
};
