/*
 * /requests/:key: one request with everything that explains it (Markdown
 * description, priority parts, SLA clocks, votes by team, comments,
 * timeline, related entities) and the actions the user may take.
 */
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink, EntityRefLinks } from '@backstage/plugin-catalog-react';
import {
  Card,
  CardBody,
  CardHeader,
  Container,
  Flex,
  Grid,
  Link,
  Text,
} from '@backstage/ui';
import {
  PlatformRequest,
  RequestComment,
} from '@internal/plugin-platform-requests-common';
import { useLocaleFormat } from '@internal/lodestar-react';
import { Fragment, ReactNode, useCallback, useEffect, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { platformRequestsApiRef } from '../../api';
import { usePlatformRequestsConfig } from '../../hooks/usePlatformRequestsConfig';
import { useRequestLinks } from '../../hooks/useRequestLinks';
import { useRequestPermissions } from '../../hooks/useRequestPermissions';
import {
  categoryTitle,
  formatAge,
  formatCount,
  URGENCY_LABELS,
} from '../../lib/format';
import { ErrorAlert, RequestMarkdown, SlaFlag, StatusBadge } from '../shared';
import { AddressedBy } from './AddressedBy';
import { Comments } from './Comments';
import { PriorityBreakdown } from './PriorityBreakdown';
import { RequestActions } from './RequestActions';
import { SlaClocks } from './SlaClocks';
import { Timeline } from './Timeline';
import { VotesByTeam } from './VotesByTeam';

const Section = (props: { title: string; children: ReactNode }) => (
  <Card>
    <CardHeader>
      <Text as="h3" variant="title-x-small">
        {props.title}
      </Text>
    </CardHeader>
    <CardBody>{props.children}</CardBody>
  </Card>
);

export const RequestPage = ({ requestKey }: { requestKey: string }) => {
  const api = useApi(platformRequestsApiRef);
  const config = usePlatformRequestsConfig();
  const { requestLink } = useRequestLinks();
  const format = useLocaleFormat();

  const loaded = useAsyncRetry(
    () => api.getRequest(requestKey),
    [api, requestKey],
  );
  const comments = useAsyncRetry(
    () => api.listComments(requestKey),
    [api, requestKey],
  );
  const timeline = useAsyncRetry(
    () => api.getTimeline(requestKey),
    [api, requestKey],
  );

  // What the last action returned wins over what was loaded.
  const [request, setRequest] = useState<PlatformRequest>();
  useEffect(() => setRequest(loaded.value), [loaded.value]);
  const [added, setAdded] = useState<RequestComment[]>([]);
  useEffect(() => setAdded([]), [comments.value]);

  const retryTimeline = timeline.retry;
  const onChanged = useCallback(
    (updated: PlatformRequest) => {
      setRequest(updated);
      retryTimeline();
    },
    [retryTimeline],
  );
  const can = useRequestPermissions(request);

  if (loaded.loading && !request) return <Progress />;
  if (loaded.error) return <ErrorAlert error={loaded.error} />;
  if (!request) return null;

  const duplicateLink = request.duplicateOf && requestLink(request.duplicateOf);

  return (
    <Container py="4">
      <Flex direction="column" gap="4">
        <Flex direction="column" gap="2">
          <Text as="h2" variant="title-medium">
            {request.key} · <bdi>{request.title}</bdi>
          </Text>
          <Flex gap="2" align="center" style={{ flexWrap: 'wrap' }}>
            <StatusBadge status={request.status} />
            <SlaFlag request={request} />
            <Text variant="body-small" color="secondary">
              {categoryTitle(request.category, config.value?.categories)} ·{' '}
              {URGENCY_LABELS[request.urgency]} urgency · filed by{' '}
              <bdi>
                <EntityRefLink entityRef={request.requester} hideIcon />
              </bdi>{' '}
              for{' '}
              <bdi>
                <EntityRefLink entityRef={request.requestingTeam} hideIcon />
              </bdi>{' '}
              <span title={format.dateTime(request.createdAt)}>
                {formatAge(request.createdAt, format)} ago
              </span>
            </Text>
          </Flex>
          {request.duplicateOf && (
            <Text>
              Duplicate of{' '}
              {duplicateLink ? (
                <Link href={duplicateLink}>{request.duplicateOf}</Link>
              ) : (
                request.duplicateOf
              )}
            </Text>
          )}
          <AddressedBy improvements={request.addressedBy} />
          {request.declineReason && (
            <Text>
              Declined: <bdi>{request.declineReason}</bdi>
            </Text>
          )}
          <RequestActions
            request={request}
            onChanged={onChanged}
            onReload={loaded.retry}
          />
        </Flex>

        <Grid.Root columns={{ initial: '1', md: '3' }} gap="4">
          <Grid.Item colSpan={{ initial: '1', md: '2' }}>
            <Flex direction="column" gap="4">
              <Section title="Description">
                <RequestMarkdown
                  content={request.description || '_No description._'}
                />
              </Section>
              <Section title="Comments">
                {comments.error ? (
                  <ErrorAlert error={comments.error} />
                ) : (
                  <Comments
                    requestKey={request.key}
                    comments={[...(comments.value ?? []), ...added]}
                    canComment={can.canComment}
                    onAdded={c => {
                      setAdded(a => [...a, c]);
                      retryTimeline();
                    }}
                  />
                )}
              </Section>
              <Section title="Timeline">
                {timeline.error ? (
                  <ErrorAlert error={timeline.error} />
                ) : (
                  <Timeline entries={timeline.value ?? []} />
                )}
              </Section>
            </Flex>
          </Grid.Item>
          <Grid.Item>
            <Flex direction="column" gap="4">
              <Section title="Priority">
                <PriorityBreakdown request={request} />
              </Section>
              <Section title="SLA">
                <SlaClocks request={request} />
              </Section>
              <Section title="Votes">
                <VotesByTeam request={request} />
              </Section>
              <Section title="Details">
                <Flex direction="column" gap="1">
                  <Text variant="body-small">
                    Assignee:{' '}
                    {request.assignee ? (
                      <bdi>
                        <EntityRefLink entityRef={request.assignee} hideIcon />
                      </bdi>
                    ) : (
                      'unassigned'
                    )}
                  </Text>
                  <Text variant="body-small">
                    Impact: {formatCount(request.impact.peopleAffected, format)}{' '}
                    people, {format.number(request.impact.hoursLostPerWeek)}{' '}
                    hours lost per week
                  </Text>
                  {request.tags.length > 0 && (
                    <Text variant="body-small">
                      Tags:{' '}
                      {request.tags.map((tag, i) => (
                        <Fragment key={tag}>
                          {i > 0 && ', '}
                          <bdi>{tag}</bdi>
                        </Fragment>
                      ))}
                    </Text>
                  )}
                  <Text variant="body-small">
                    Watchers: {formatCount(request.watchers.count, format)}
                  </Text>
                  {request.rating && (
                    <Text variant="body-small">
                      Rated {format.number(request.rating.score)}/5
                      {request.rating.comment && (
                        <>
                          : <bdi>{request.rating.comment}</bdi>
                        </>
                      )}
                    </Text>
                  )}
                  <Text variant="body-small" color="secondary">
                    Updated {format.dateTime(request.updatedAt)}
                  </Text>
                </Flex>
              </Section>
              <Section title="Related entities">
                {request.relatedEntities.length ? (
                  <EntityRefLinks entityRefs={request.relatedEntities} />
                ) : (
                  <Text color="secondary">None</Text>
                )}
              </Section>
            </Flex>
          </Grid.Item>
        </Grid.Root>
      </Flex>
    </Container>
  );
};
