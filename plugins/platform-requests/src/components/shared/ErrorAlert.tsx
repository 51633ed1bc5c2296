/*
 * Shows why an action failed in the server's own words (409s name the
 * allowed transitions, 400s the field).
 */
import { Alert } from '@backstage/ui';
import { errorMessage } from '../../lib/errors';

export const ErrorAlert = (props: { error: unknown; title?: string }) =>
  props.error ? (
    <Alert
      status="danger"
      icon
      role="alert"
      title={props.title ?? errorMessage(props.error)}
      description={props.title ? errorMessage(props.error) : undefined}
    />
  ) : null;
