/*
 * Markdown written by requesters and commenters. MarkdownContent (gfm)
 * already runs rehype-sanitize, which drops <script>, on* attributes and
 * javascript: links; the link allow-list here is a second, local guard so a
 * change of dialect or renderer cannot make a link executable.
 */
import { MarkdownContent } from '@backstage/core-components';

const SAFE_LINK = /^(https?:|mailto:|[/#?.]|[^:]*$)/i;

/** Keeps http(s), mailto, and relative links; anything else becomes "#". */
export function safeLinkUri(href: string): string {
  const trimmed = href.trim();
  return SAFE_LINK.test(trimmed) ? trimmed : '#';
}

export const RequestMarkdown = (props: { content: string }) => (
  <MarkdownContent
    content={props.content}
    dialect="gfm"
    transformLinkUri={safeLinkUri}
    transformImageUri={safeLinkUri}
  />
);
