/*
 * Why something failed, in the server's own words (a 400 names the field or
 * query parameter, a 409 the allowed transitions), with a retry when there
 * is one.
 */
import { Alert, Button } from '@backstage/ui';
import { errorMessage } from './errorMessage';

export type ErrorAlertProps = {
  error: unknown;
  title?: string;
  onRetry?: () => void;
};

export const ErrorAlert = ({ error, title, onRetry }: ErrorAlertProps) =>
  error ? (
    <Alert
      status="danger"
      icon
      role="alert"
      title={title ?? errorMessage(error)}
      description={title ? errorMessage(error) : undefined}
      customActions={
        onRetry ? (
          <Button size="small" variant="secondary" onPress={onRetry}>
            Retry
          </Button>
        ) : undefined
      }
    />
  ) : null;
