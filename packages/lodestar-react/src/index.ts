/**
 * What the Lodestar frontend plugins (platform-requests, platform-kpis)
 * share, so each is written once: the sentence to show for an error, the
 * alert that shows it, and handing a file built in the browser to the user.
 *
 * @packageDocumentation
 */
export { errorMessage } from './errorMessage';
export { ErrorAlert } from './ErrorAlert';
export type { ErrorAlertProps } from './ErrorAlert';
export { saveBlob } from './saveBlob';
