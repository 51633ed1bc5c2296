/*
 * One request on the triage board: what decides its place (votes across
 * teams, priority, age), a red edge when an SLA is overrun, and the platform
 * team's moves: next status, assign, duplicate, decline.
 */
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Button, Card, CardBody, Flex, Link, Text } from '@backstage/ui';
import {
  allowedTransitions,
  isOpen,
  PlatformRequest,
  STATUS_LABELS,
  transitionKind,
} from '@internal/plugin-platform-requests-common';
import { useLocaleFormat } from '@internal/lodestar-react';
import { useState } from 'react';
import { platformRequestsApiRef } from '../../api';
import { useAction } from '../../hooks/useAction';
import { useRequestLinks } from '../../hooks/useRequestLinks';
import {
  formatAge,
  formatScore,
  formatVotes,
  slaBreaches,
} from '../../lib/format';
import { ErrorAlert, SlaFlag } from '../shared';
import {
  AssignDialog,
  DeclineDialog,
  DuplicateDialog,
} from '../TransitionDialogs';

type OpenDialog = 'assign' | 'duplicate' | 'decline' | undefined;

export type TriageCardProps = {
  request: PlatformRequest;
  /** Called after any change, so the board can re-sort its columns. */
  onChanged: () => void;
};

export const TriageCard = ({ request, onChanged }: TriageCardProps) => {
  const api = useApi(platformRequestsApiRef);
  const format = useLocaleFormat();
  const { requestLink } = useRequestLinks();
  const advance = useAction();
  const [dialog, setDialog] = useState<OpenDialog>();
  const next = allowedTransitions(request.status).find(
    to => transitionKind(request.status, to) === 'advance',
  );
  const breached = slaBreaches(request).length > 0;
  const href = requestLink(request.key);

  const moveNext = async () => {
    if (!next) return;
    const updated = await advance.run(() =>
      api.transition(request.key, { to: next }),
    );
    if (updated) onChanged();
  };

  return (
    <Card
      aria-label={`${request.key} ${request.title}`}
      data-sla-breached={breached || undefined}
      style={
        breached
          ? {
              borderLeft: '4px solid var(--bui-negative-border, #d32f2f)',
              background: 'var(--bui-negative-bg-subdued, #fdecea)',
            }
          : undefined
      }
    >
      <CardBody>
        <Flex direction="column" gap="2">
          <Text variant="body-small" color="secondary">
            {href ? <Link href={href}>{request.key}</Link> : request.key} ·{' '}
            {formatAge(request.createdAt, format)} old
          </Text>
          <Text weight="bold">
            <bdi>{request.title}</bdi>
          </Text>
          <Text variant="body-small">
            {formatVotes(request.votes, format)} · priority{' '}
            {formatScore(request.priority.score, format)}
          </Text>
          <Text variant="body-small" color="secondary">
            {request.assignee ? (
              <>
                Assigned to{' '}
                <bdi>
                  <EntityRefLink entityRef={request.assignee} hideIcon />
                </bdi>
              </>
            ) : (
              'Unassigned'
            )}
          </Text>
          <SlaFlag request={request} />
          <ErrorAlert error={advance.error} />
          {isOpen(request.status) && (
            <Flex gap="1" style={{ flexWrap: 'wrap' }}>
              {next && (
                <Button
                  size="small"
                  variant="primary"
                  isPending={advance.pending}
                  onPress={moveNext}
                >
                  Move to {STATUS_LABELS[next]}
                </Button>
              )}
              <Button
                size="small"
                variant="secondary"
                onPress={() => setDialog('assign')}
              >
                Assign
              </Button>
              <Button
                size="small"
                variant="tertiary"
                onPress={() => setDialog('duplicate')}
              >
                Duplicate
              </Button>
              <Button
                size="small"
                variant="tertiary"
                destructive
                onPress={() => setDialog('decline')}
              >
                Decline
              </Button>
            </Flex>
          )}
        </Flex>
      </CardBody>
      {/* Mounted only while open: a board has many cards. */}
      {dialog === 'assign' && (
        <AssignDialog
          request={request}
          open
          onClose={() => setDialog(undefined)}
          onDone={onChanged}
          onReload={onChanged}
        />
      )}
      {dialog === 'duplicate' && (
        <DuplicateDialog
          request={request}
          open
          onClose={() => setDialog(undefined)}
          onDone={onChanged}
        />
      )}
      {dialog === 'decline' && (
        <DeclineDialog
          request={request}
          open
          onClose={() => setDialog(undefined)}
          onDone={onChanged}
        />
      )}
    </Card>
  );
};
