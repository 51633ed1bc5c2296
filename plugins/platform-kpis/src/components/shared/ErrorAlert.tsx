/*
 * Why something failed, in the server's own words (a 400 names the query
 * parameter), with a retry when there is one.
 */
import { Alert, Button } from '@backstage/ui';
import { errorMessage } from '../../lib/errors';

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
