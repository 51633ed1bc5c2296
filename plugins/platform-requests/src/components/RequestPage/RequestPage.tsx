/*
 * /requests/:key: one request with everything that explains it (Markdown
 * description, priority parts, SLA clocks, votes by team, comments,
 * timeline, related entities) and the actions the user may take.
 */
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink, EntityRefLinks } from '@backstage/plugin-catalog-react';
import { Flex, Link, Text } from '@backstage/ui';
import {
  PlatformRequest,
  RequestComment,
} from '@internal/plugin-platform-requests-common';
import { useLocaleFormat } from '@internal/lodestar-react';
import { Fragment, useCallback, useEffect, useState } from 'react';
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
import {
  DetailFrame,
  DetailSection as Section,
  ErrorAlert,
  RequestMarkdown,
  SlaFlag,
  StatusBadge,
  useLatest,
} from '../shared';
import { AddressedBy } from './AddressedBy';
import { Comments } from './Comments';
import { PriorityBreakdown } from './PriorityBreakdown';
import { RequestActions } from './RequestActions';
import { SlaClocks } from './SlaClocks';
import { Timeline } from './Timeline';
import { VotesByTeam } from './VotesByTeam';

export const RequestPage = ({ requestKey }: { requestKey: string }) => {
  const api = useApi(platformRequestsApiRef);
  const config = usePlatformRequestsConfig();
  const { requestLink } = useRequestLinks();
  const format = useLocaleFormat();

  const {
    loaded,
    value: request,
    setValue: setRequest,
  } = useLatest(() => api.getRequest(requestKey), [api, requestKey]);
  const comments = useAsyncRetry(
    () => api.listComments(requestKey),
    [api, requestKey],
  );
  const timeline = useAsyncRetry(
    () => api.getTimeline(requestKey),
    [api, requestKey],
  );

  const [added, setAdded] = useState<RequestComment[]>([]);
  useEffect(() => setAdded([]), [comments.value]);

  const retryTimeline = timeline.retry;
  const onChanged = useCallback(
    (updated: PlatformRequest) => {
      setRequest(updated);
      retryTimeline();
    },
    [retryTimeline, setRequest],
  );
  const can = useRequestPermissions(request);

  return (
    <DetailFrame loaded={loaded} value={request}>
      {(r: PlatformRequest) => {
        const duplicateLink = r.duplicateOf && requestLink(r.duplicateOf);
        return {
          id: r.key,
          title: r.title,
          meta: (
            <>
              <StatusBadge status={r.status} />
              <SlaFlag request={r} />
              <Text variant="body-small" color="secondary">
                {categoryTitle(r.category, config.value?.categories)} ·{' '}
                {URGENCY_LABELS[r.urgency]} urgency · filed by{' '}
                <bdi>
                  <EntityRefLink entityRef={r.requester} hideIcon />
                </bdi>{' '}
                for{' '}
                <bdi>
                  <EntityRefLink entityRef={r.requestingTeam} hideIcon />
                </bdi>{' '}
                <span title={format.dateTime(r.createdAt)}>
                  {formatAge(r.createdAt, format)} ago
                </span>
              </Text>
            </>
          ),
          header: (
            <>
              {r.duplicateOf && (
                <Text>
                  Duplicate of{' '}
                  {duplicateLink ? (
                    <Link href={duplicateLink}>{r.duplicateOf}</Link>
                  ) : (
                    r.duplicateOf
                  )}
                </Text>
              )}
              <AddressedBy improvements={r.addressedBy} />
              {r.declineReason && (
                <Text>
                  Declined: <bdi>{r.declineReason}</bdi>
                </Text>
              )}
              <RequestActions
                request={r}
                onChanged={onChanged}
                onReload={loaded.retry}
              />
            </>
          ),
          main: (
            <>
              <Section title="Description">
                <RequestMarkdown
                  content={r.description || '_No description._'}
                />
              </Section>
              <Section title="Comments">
                {comments.error ? (
                  <ErrorAlert error={comments.error} />
                ) : (
                  <Comments
                    requestKey={r.key}
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
            </>
          ),
          side: (
            <>
              <Section title="Priority">
                <PriorityBreakdown request={r} />
              </Section>
              <Section title="SLA">
                <SlaClocks request={r} />
              </Section>
              <Section title="Votes">
                <VotesByTeam request={r} />
              </Section>
              <Section title="Details">
                <Flex direction="column" gap="1">
                  <Text variant="body-small">
                    Assignee:{' '}
                    {r.assignee ? (
                      <bdi>
                        <EntityRefLink entityRef={r.assignee} hideIcon />
                      </bdi>
                    ) : (
                      'unassigned'
                    )}
                  </Text>
                  <Text variant="body-small">
                    Impact: {formatCount(r.impact.peopleAffected, format)}{' '}
                    people, {format.number(r.impact.hoursLostPerWeek)} hours
                    lost per week
                  </Text>
                  {r.tags.length > 0 && (
                    <Text variant="body-small">
                      Tags:{' '}
                      {r.tags.map((tag, i) => (
                        <Fragment key={tag}>
                          {i > 0 && ', '}
                          <bdi>{tag}</bdi>
                        </Fragment>
                      ))}
                    </Text>
                  )}
                  <Text variant="body-small">
                    Watchers: {formatCount(r.watchers.count, format)}
                  </Text>
                  {r.rating && (
                    <Text variant="body-small">
                      Rated {format.number(r.rating.score)}/5
                      {r.rating.comment && (
                        <>
                          : <bdi>{r.rating.comment}</bdi>
                        </>
                      )}
                    </Text>
                  )}
                  <Text variant="body-small" color="secondary">
                    Updated {format.dateTime(r.updatedAt)}
                  </Text>
                </Flex>
              </Section>
              <Section title="Related entities">
                {r.relatedEntities.length ? (
                  <EntityRefLinks entityRefs={r.relatedEntities} />
                ) : (
                  <Text color="secondary">None</Text>
                )}
              </Section>
            </>
          ),
        };
      }}
    </DetailFrame>
  );
};
