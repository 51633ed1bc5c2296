/*
 * "Similar open requests" beside the form: a vote here is worth more than a
 * duplicate, so each suggestion has a +1 button and a link.
 */
import { useApi } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Button,
  Card,
  CardBody,
  CardHeader,
  Flex,
  Link,
  Text,
} from '@backstage/ui';
import {
  PlatformRequest,
  platformRequestVotePermission,
} from '@internal/plugin-platform-requests-common';
import { useLocaleFormat } from '@internal/lodestar-react';
import { useState } from 'react';
import { platformRequestsApiRef } from '../../api';
import { useAction } from '../../hooks/useAction';
import { useRequestLinks } from '../../hooks/useRequestLinks';
import { formatVotes } from '../../lib/format';
import { ErrorAlert, StatusBadge } from '../shared';
import { useSimilarRequests } from './useSimilarRequests';

const Suggestion = (props: {
  request: PlatformRequest;
  onVoted: (request: PlatformRequest) => void;
}) => {
  const { request, onVoted } = props;
  const api = useApi(platformRequestsApiRef);
  const { requestLink } = useRequestLinks();
  const format = useLocaleFormat();
  const { allowed: canVote } = usePermission({
    permission: platformRequestVotePermission,
  });
  const { run, pending, error } = useAction();
  const href = requestLink(request.key);

  const vote = async () => {
    const updated = await run(() => api.vote(request.key));
    if (updated) onVoted(updated);
  };

  return (
    <Flex direction="column" gap="1" role="listitem">
      <Text weight="bold">
        {href ? (
          // A new tab, so the form being filled in is not lost.
          <Link href={href} target="_blank" rel="noopener">
            {request.key}
          </Link>
        ) : (
          request.key
        )}{' '}
        <bdi>{request.title}</bdi>
      </Text>
      <Flex align="center" gap="2">
        <StatusBadge status={request.status} />
        <Text variant="body-small" color="secondary">
          {formatVotes(request.votes, format)}
        </Text>
        {canVote && (
          <Button
            size="small"
            variant="secondary"
            isDisabled={request.votes.mine || pending}
            onPress={vote}
            aria-label={
              request.votes.mine
                ? `You voted for ${request.key}`
                : `+1 / vote for ${request.key}`
            }
          >
            {request.votes.mine ? 'Voted' : '+1 / vote'}
          </Button>
        )}
      </Flex>
      <ErrorAlert error={error} />
    </Flex>
  );
};

export const SimilarRequests = ({ title }: { title: string }) => {
  const { value: suggestions, error } = useSimilarRequests(title);
  const [voted, setVoted] = useState<Record<string, PlatformRequest>>({});

  if (error) return <ErrorAlert error={error} />;
  if (!suggestions?.length) return null;

  return (
    <Card>
      <CardHeader>
        <Text as="h3" variant="title-small">
          Similar open requests
        </Text>
      </CardHeader>
      <CardBody>
        <Flex
          direction="column"
          gap="3"
          aria-label="Similar open requests"
          role="list"
        >
          <Text variant="body-small" color="secondary">
            If one of these is what you need, vote for it instead of filing a
            duplicate: votes from more teams raise its priority.
          </Text>
          {suggestions.map(s => (
            <Suggestion
              key={s.key}
              request={voted[s.key] ?? s}
              onVoted={r => setVoted(v => ({ ...v, [r.key]: r }))}
            />
          ))}
        </Flex>
      </CardBody>
    </Card>
  );
};
