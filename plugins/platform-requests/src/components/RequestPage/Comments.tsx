/*
 * The discussion on a request: Markdown comments (rendered inertly) and, for
 * those allowed to comment, a form validated with the shared schema.
 */
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Button, Flex, Text } from '@backstage/ui';
import {
  commentSchema,
  RequestComment,
} from '@internal/plugin-platform-requests-common';
import { useLocaleFormat } from '@internal/lodestar-react';
import { useState } from 'react';
import { platformRequestsApiRef } from '../../api';
import { useAction } from '../../hooks/useAction';
import { ErrorAlert, MarkdownField, RequestMarkdown } from '../shared';

export type CommentsProps = {
  requestKey: string;
  comments: RequestComment[];
  canComment: boolean;
  onAdded: (comment: RequestComment) => void;
};

export const Comments = (props: CommentsProps) => {
  const api = useApi(platformRequestsApiRef);
  const [body, setBody] = useState('');
  const [problem, setProblem] = useState<string>();
  const { run, pending, error } = useAction();
  const format = useLocaleFormat();

  const submit = async () => {
    const parsed = commentSchema.safeParse({ body });
    if (!parsed.success) {
      setProblem(`Comment: ${parsed.error.issues[0].message}`);
      return;
    }
    setProblem(undefined);
    const added = await run(() =>
      api.addComment(props.requestKey, parsed.data.body),
    );
    if (added) {
      setBody('');
      props.onAdded(added);
    }
  };

  return (
    <Flex direction="column" gap="3">
      {props.comments.length === 0 && (
        <Text color="secondary">No comments yet.</Text>
      )}
      {props.comments.map(c => (
        <Flex key={c.id} direction="column" gap="1" data-testid="comment">
          <Text variant="body-small" color="secondary">
            <bdi>
              <EntityRefLink entityRef={c.author} hideIcon />
            </bdi>{' '}
            · {format.dateTime(c.createdAt)}
          </Text>
          <RequestMarkdown content={c.body} />
        </Flex>
      ))}
      {props.canComment && (
        <Flex direction="column" gap="2">
          <MarkdownField
            label="Comment"
            rows={3}
            value={body}
            onChange={setBody}
            errorMessage={problem}
          />
          <ErrorAlert error={error} title="The comment was not added" />
          <Flex justify="end">
            <Button variant="secondary" isPending={pending} onPress={submit}>
              Add comment
            </Button>
          </Flex>
        </Flex>
      )}
    </Flex>
  );
};
