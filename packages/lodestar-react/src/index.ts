/**
 * What the Lodestar frontend plugins (platform-requests, platform-kpis)
 * and the app share, so each is written once: the sentence to show for an
 * error, the alert that shows it, handing a file built in the browser to
 * the user, dates and numbers in the person's locale setting, and the bar
 * chart both draw.
 *
 * @packageDocumentation
 */
export { errorMessage } from './errorMessage';
export { ErrorAlert } from './ErrorAlert';
export type { ErrorAlertProps } from './ErrorAlert';
export { saveBlob } from './saveBlob';
export * from './format';
export * from './charts';
