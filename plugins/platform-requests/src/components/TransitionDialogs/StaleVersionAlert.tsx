/*
 * What a 412 means to a person: someone else changed the request since it
 * was loaded, so this change was not applied; reload and try again.
 */
import { Alert, Button } from '@backstage/ui';
import { isStaleVersion } from '../../lib/errors';
import { ErrorAlert } from '../shared';

export const StaleVersionAlert = (props: {
  error: unknown;
  onReload: () => void;
}) =>
  isStaleVersion(props.error) ? (
    <Alert
      status="warning"
      icon
      role="alert"
      title="Someone else changed this request"
      description="Your change was not saved, so nothing of theirs is overwritten. Reload to see the current version, then make your change again."
      customActions={
        <Button size="small" variant="secondary" onPress={props.onReload}>
          Reload
        </Button>
      }
    />
  ) : (
    <ErrorAlert error={props.error} />
  );
