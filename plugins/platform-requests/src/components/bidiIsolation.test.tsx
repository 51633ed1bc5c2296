import { screen, within } from '@testing-library/react';
import { fakeApi, makeRequest, PRIYA, renderPage } from '../__testUtils__';
import { RequestPage } from './RequestPage';
import { TriageCard } from './TriageBoardPage/TriageCard';

// A right-to-left override in user text would reverse everything after it
// on the same line ("REQ-1 · ‮abc · high urgency" reads backwards from
// "abc" on). Each piece of user text sits in its own <bdi>, so the
// override ends with it.
const RLO = '\u202E';
const TITLE = `${RLO}abc`;

/** What an element says outside the <bdi>s in it. */
function outsideBdi(element: Element): string {
  const copy = element.cloneNode(true) as Element;
  copy.querySelectorAll('bdi').forEach(bdi => bdi.remove());
  return copy.textContent ?? '';
}

/** The <bdi>s directly holding user text, by their text. */
const bdiTexts = (element: Element) =>
  Array.from(element.querySelectorAll('bdi')).map(bdi => bdi.textContent);

describe('user text is isolated from the text around it', () => {
  it('on the request page: title, decline reason, people and teams, comments', async () => {
    const api = fakeApi({
      getRequest: jest.fn(async () =>
        makeRequest({
          title: TITLE,
          status: 'declined',
          declineReason: `${RLO}not now`,
          assignee: PRIYA,
          tags: ['ci', `${RLO}x`],
        }),
      ),
      listComments: jest.fn(async () => [
        {
          id: 'c1',
          author: 'user:default/jonas.weber',
          body: 'Same here.',
          createdAt: '2024-01-02T09:00:00Z',
        },
      ]),
      getTimeline: jest.fn(async () => [
        {
          id: 't1',
          type: 'status-changed',
          actor: PRIYA,
          at: '2024-01-02T10:00:00Z',
          comment: `${RLO}out of scope`,
          details: { from: 'new', to: 'declined' },
        },
      ]),
    });
    renderPage(<RequestPage requestKey="REQ-1" />, { api });

    const heading = await screen.findByRole('heading', { level: 2 });
    expect(bdiTexts(heading)).toEqual([TITLE]);
    expect(outsideBdi(heading)).toBe('REQ-1 · ');

    const declined = screen.getByText('Declined:', { exact: false });
    expect(bdiTexts(declined)).toEqual([`${RLO}not now`]);
    expect(outsideBdi(declined).trim()).toBe('Declined:');

    const tags = screen.getByText('Tags:', { exact: false });
    expect(bdiTexts(tags)).toEqual(['ci', `${RLO}x`]);
    expect(outsideBdi(tags)).toBe('Tags: , ');

    // Names the catalog gives people and teams: every link in the line is
    // inside a <bdi> of its own, the words between them are not.
    const filed = screen.getByText('filed by', { exact: false });
    const links = within(filed).getAllByRole('link');
    expect(links).toHaveLength(2);
    for (const link of links) {
      expect(link.closest('bdi')?.textContent).toBe(link.textContent);
    }
    expect(outsideBdi(filed)).toMatch(/urgency · filed by {2}for {2}\S+ ago$/);

    const comment = (await screen.findAllByTestId('comment'))[0];
    const byline = within(comment).getByRole('link').closest('bdi')!;
    expect(byline).not.toBeNull();
    expect(outsideBdi(byline.parentElement!)).toMatch(/^ · \S/);

    const timeline = await screen.findByRole('list', { name: 'Timeline' });
    expect(bdiTexts(timeline)).toContain(`${RLO}out of scope`);
    expect(within(timeline).getByText('“', { exact: false }).textContent).toBe(
      `“${RLO}out of scope”`,
    );
  });

  it('on a triage card: the title and the assignee', async () => {
    renderPage(
      <TriageCard
        request={makeRequest({ title: TITLE, assignee: PRIYA })}
        onChanged={() => {}}
      />,
      { api: fakeApi() },
    );
    const card = await screen.findByLabelText(`REQ-1 ${TITLE}`);
    const title = within(card).getByText(TITLE);
    expect(title.tagName).toBe('BDI');
    expect(title.parentElement!.textContent).toBe(TITLE);

    const assigned = within(card).getByText('Assigned to', { exact: false });
    expect(outsideBdi(assigned)).toBe('Assigned to ');
    expect(within(assigned).getByRole('link').closest('bdi')).not.toBeNull();
  });
});
