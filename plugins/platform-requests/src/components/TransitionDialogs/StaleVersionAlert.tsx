/*
 * What a 412 means to a person: someone else changed the request since it
 * was loaded, so this change was not applied; reload and try again. The
 * wording is the request's unless the caller gives its own.
 */
import { Alert, Button } from '@backstage/ui';
import { isStaleVersion } from '../../lib/errors';
import { ErrorAlert } from '../shared';

const REQUEST_TEXT = {
  title: 'Someone else changed this request',
  description:
    'Your change was not saved, so nothing of theirs is overwritten. Reload to see the current version, then make your change again.',
};

export const StaleVersionAlert = (props: {
  error: unknown;
  onReload: () => void;
  /** What to say instead of the request's wording (e.g. for an improvement). */
  text?: { title: string; description: string };
}) =>
  isStaleVersion(props.error) ? (
    <Alert
      status="warning"
      icon
      role="alert"
      title={(props.text ?? REQUEST_TEXT).title}
      description={(props.text ?? REQUEST_TEXT).description}
      customActions={
        <Button size="small" variant="secondary" onPress={props.onReload}>
          Reload
        </Button>
      }
    />
  ) : (
    <ErrorAlert error={props.error} />
  );
