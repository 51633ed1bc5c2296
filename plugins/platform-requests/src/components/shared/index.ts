export { ErrorAlert } from '@internal/lodestar-react';
export { RequestMarkdown, safeLinkUri } from './RequestMarkdown';
export { SlaFlag } from './SlaFlag';
export { StatusBadge } from './StatusBadge';
export { MarkdownField } from './MarkdownField';
export { DetailFrame, DetailSection, useLatest } from './DetailFrame';
export type { DetailParts } from './DetailFrame';
