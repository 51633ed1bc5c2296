export { ErrorAlert } from './ErrorAlert';
export { RequestMarkdown, safeLinkUri } from './RequestMarkdown';
export { SlaFlag } from './SlaFlag';
export { StatusBadge } from './StatusBadge';
export { MarkdownField } from './MarkdownField';
