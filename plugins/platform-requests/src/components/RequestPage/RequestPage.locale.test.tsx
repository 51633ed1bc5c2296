import { screen } from '@testing-library/react';
import { fakeApi, makeRequest, renderPage } from '../../__testUtils__';
import { RequestPage } from './RequestPage';

// Times in the test's own zone, so the clock reads 14:30 wherever it runs.
const updatedAt = new Date(2026, 2, 5, 14, 30).toISOString();
const plain = (s: string | null) => s?.replace(/\s/g, ' ');

function openRequest(locale?: string) {
  const api = fakeApi({
    getRequest: jest.fn(async () =>
      makeRequest({
        updatedAt,
        impact: { peopleAffected: 1250, hoursLostPerWeek: 7.5 },
      }),
    ),
  });
  renderPage(<RequestPage requestKey="REQ-1" />, { api, locale });
}

describe('RequestPage in the person’s date and number format', () => {
  it('writes dates and numbers as German readers expect with de-DE', async () => {
    openRequest('de-DE');
    expect(plain((await screen.findByText(/^Updated /)).textContent)).toBe(
      'Updated 05.03.2026, 14:30',
    );
    expect(screen.getByLabelText('Priority score')).toHaveTextContent('52,5');
    expect(plain(screen.getByText(/^Impact:/).textContent)).toBe(
      'Impact: 1.250 people, 7,5 hours lost per week',
    );
  });

  it('and as British readers expect with en-GB', async () => {
    openRequest('en-GB');
    expect(plain((await screen.findByText(/^Updated /)).textContent)).toBe(
      'Updated 5 Mar 2026, 14:30',
    );
    expect(screen.getByLabelText('Priority score')).toHaveTextContent('52.5');
  });

  it('follows the browser (en-US in the tests) without a setting', async () => {
    openRequest();
    expect(plain((await screen.findByText(/^Updated /)).textContent)).toBe(
      'Updated Mar 5, 2026, 2:30 PM',
    );
    expect(plain(screen.getByText(/^Impact:/).textContent)).toBe(
      'Impact: 1,250 people, 7.5 hours lost per week',
    );
  });
});
