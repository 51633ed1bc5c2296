import { render, screen } from '@testing-library/react';
import { RequestMarkdown, safeLinkUri } from './RequestMarkdown';

// MarkdownContent (gfm) parses raw HTML and then runs rehype-sanitize with
// GitHub's schema: script elements, on* handlers and javascript: URLs are
// removed. These tests pin that down for what requesters can write.
describe('RequestMarkdown', () => {
  afterEach(() => {
    delete (window as any).__pwned;
  });

  it('renders Markdown', async () => {
    render(
      <RequestMarkdown content="**bold** and [docs](https://example.com/docs)" />,
    );
    expect((await screen.findByText('bold')).tagName).toBe('STRONG');
    expect(screen.getByRole('link', { name: /docs/ })).toHaveAttribute(
      'href',
      'https://example.com/docs',
    );
  });

  it('drops <script> elements', async () => {
    const { container } = render(
      <RequestMarkdown content="before <script>window.__pwned = 1</script> after" />,
    );
    await screen.findByText(/before/);
    expect(container.querySelector('script')).toBeNull();
    expect(container.innerHTML).not.toContain('__pwned');
    expect((window as any).__pwned).toBeUndefined();
  });

  it('drops event handler attributes such as onerror', async () => {
    const { container } = render(
      <RequestMarkdown
        content={[
          'text <img src="x" onerror="window.__pwned = 1">',
          '<b onmouseover="window.__pwned = 1">hover</b>',
        ].join(' ')}
      />,
    );
    await screen.findByText('hover');
    expect(container.querySelector('[onerror]')).toBeNull();
    expect(container.querySelector('[onmouseover]')).toBeNull();
    expect(container.innerHTML).not.toContain('__pwned');
  });

  it('makes javascript: links inert, in Markdown and in raw HTML', async () => {
    const { container } = render(
      <RequestMarkdown
        content={[
          '[md link](javascript:window.__pwned=1)',
          '[spaced](  JaVaScRiPt:window.__pwned=1)',
          '<a href="javascript:window.__pwned=1">html link</a>',
          '<a href="jav&#x09;ascript:window.__pwned=1">encoded link</a>',
        ].join('\n\n')}
      />,
    );
    await screen.findByText('md link');
    for (const a of Array.from(container.querySelectorAll('a'))) {
      expect(a.getAttribute('href') ?? '').not.toMatch(/script:/i);
    }
    expect(container.innerHTML).not.toMatch(/javascript:/i);
  });

  it('lets only web, mail and relative links through its own filter', () => {
    expect(safeLinkUri('https://example.com')).toBe('https://example.com');
    expect(safeLinkUri('mailto:platform@example.com')).toBe(
      'mailto:platform@example.com',
    );
    expect(safeLinkUri('/catalog/default/component/x')).toBe(
      '/catalog/default/component/x',
    );
    expect(safeLinkUri('#section')).toBe('#section');
    expect(safeLinkUri('docs/readme.md')).toBe('docs/readme.md');
    expect(safeLinkUri(' javascript:alert(1)')).toBe('#');
    expect(safeLinkUri('data:text/html,<script>x</script>')).toBe('#');
    expect(safeLinkUri('vbscript:msgbox')).toBe('#');
  });
});
