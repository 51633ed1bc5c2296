import { screen } from '@testing-library/react';
import {
  fakeApi,
  makeRequest,
  renderPage,
  wholeText,
} from '../../__testUtils__';
import { RequestPage } from './RequestPage';

// What anyone can write into a request: its title, description, comments,
// a decline reason and timeline comments, all rendered on one page. The API
// stores them as sent (security/abuse.test.ts in the backend checks that);
// this page must show them without running anything.
const PAYLOADS = [
  '<script>window.__pwned = 1</script>',
  '<img src="x" onerror="window.__pwned = 1">',
  '<svg onload="window.__pwned = 1"><circle r="1"/></svg>',
  '<iframe src="javascript:window.__pwned = 1"></iframe>',
  '<iframe srcdoc="<script>window.__pwned = 1</script>"></iframe>',
  '<object data="javascript:window.__pwned = 1"></object>',
  '<embed src="javascript:window.__pwned = 1">',
  '<form action="javascript:window.__pwned = 1"><button formaction="javascript:window.__pwned = 1">go</button></form>',
  '<a href="javascript:window.__pwned = 1">html link</a>',
  '<a href="&#106;avascript:window.__pwned = 1">entity link</a>',
  '<a href="data:text/html,<script>window.__pwned = 1</script>">data link</a>',
  '<details open ontoggle="window.__pwned = 1">toggle</details>',
  '<div style="background:url(javascript:window.__pwned = 1)">styled</div>',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__pwned = 1">',
  '<base href="javascript:/">',
  '[md link](javascript:window.__pwned=1)',
  '[md data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![md image](javascript:window.__pwned=1)',
  '[reference link][evil]\n\n[evil]: javascript:window.__pwned=1',
  'A fine link: <https://example.com/fine>',
  // Last: an open <style> makes the rest of the text one raw HTML block.
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned = 1">',
];
const HOSTILE = PAYLOADS.join('\n\n');
const TITLE =
  '<script>window.__pwned = 1</script> <img src=x onerror=alert(1)>';
const REASON = '<img src=x onerror="window.__pwned = 1"> not now';

const UNSAFE_URL = /^(javascript|data|vbscript):/;
const URL_ATTRIBUTES = [
  'href',
  'src',
  'action',
  'formaction',
  'xlink:href',
  'data',
  'srcdoc',
  'poster',
  'background',
];

/** As a browser reads a URL attribute: blanks and control characters dropped. */
const normalise = (url: string) =>
  [...url]
    .filter(c => c.charCodeAt(0) > 0x20)
    .join('')
    .toLowerCase();

/** Every attribute on the page that could run script: handlers and URLs. */
function dangerousAttributes(root: Element): string[] {
  const found: string[] = [];
  for (const element of Array.from(root.querySelectorAll('*'))) {
    for (const { name, value } of Array.from(element.attributes)) {
      const unsafe =
        name.startsWith('on') ||
        (URL_ATTRIBUTES.includes(name) && UNSAFE_URL.test(normalise(value))) ||
        (name === 'style' && /javascript:|expression\(/i.test(value));
      if (unsafe)
        found.push(`<${element.tagName.toLowerCase()} ${name}="${value}">`);
    }
  }
  return found;
}

describe('RequestPage with hostile text', () => {
  afterEach(() => {
    delete (window as any).__pwned;
  });

  it('shows titles, descriptions, comments and reasons without running any of them', async () => {
    const api = fakeApi({
      getRequest: jest.fn(async () =>
        makeRequest({
          title: TITLE,
          description: HOSTILE,
          status: 'declined',
          declineReason: REASON,
        }),
      ),
      listComments: jest.fn(async () => [
        {
          id: 'c1',
          author: 'user:default/jonas.weber',
          body: HOSTILE,
          createdAt: '2024-01-02T09:00:00Z',
        },
      ]),
      getTimeline: jest.fn(async () => [
        {
          id: 't1',
          type: 'status-changed',
          actor: 'user:default/priya.nair',
          at: '2024-01-02T10:00:00Z',
          comment: PAYLOADS[1],
          details: { from: 'new', to: 'declined', reason: REASON },
        },
      ]),
    });
    renderPage(<RequestPage requestKey="REQ-1" />, { api });

    // Plain-text places show the markup as text.
    expect(
      await screen.findByRole('heading', { name: `REQ-1 · ${TITLE}` }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(wholeText(`Declined: ${REASON}`)),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(wholeText(`“${PAYLOADS[1]}”`)),
    ).toBeInTheDocument();
    // Markdown places render what is safe: twice, description and comment.
    expect(await screen.findAllByText('html link')).toHaveLength(2);
    const fine = screen.getAllByRole('link', {
      name: /^https:\/\/example\.com\/fine/,
    });
    expect(fine.map(a => a.getAttribute('href'))).toEqual([
      'https://example.com/fine',
      'https://example.com/fine',
    ]);

    const page = document.body;
    expect(
      page.querySelectorAll(
        'script, iframe, object, embed, form, meta, base, style, svg [onload]',
      ),
    ).toHaveLength(0);
    expect(dangerousAttributes(page)).toEqual([]);
    expect((window as any).__pwned).toBeUndefined();
  });
});
