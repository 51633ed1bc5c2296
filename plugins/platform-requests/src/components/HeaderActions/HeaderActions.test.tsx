import { screen } from '@testing-library/react';
import { fakeApi, PRIYA, renderPage } from '../../__testUtils__';
import { HeaderActions } from './HeaderActions';

const links = () =>
  screen.queryAllByRole('link').map(link => link.textContent?.trim());

describe('HeaderActions', () => {
  it('offers both shortcuts on the list', async () => {
    renderPage(<HeaderActions />, {
      api: fakeApi(),
      user: PRIYA,
      initialRouteEntries: ['/requests'],
    });
    expect(
      await screen.findByRole('link', { name: 'File a request' }),
    ).toHaveAttribute('href', '/requests/new');
    expect(links()).toEqual(['Triage board', 'File a request']);
  });

  it('leaves out File a request on the form itself', async () => {
    renderPage(<HeaderActions />, {
      api: fakeApi(),
      user: PRIYA,
      initialRouteEntries: ['/requests/new'],
    });
    expect(
      await screen.findByRole('link', { name: 'Triage board' }),
    ).toBeInTheDocument();
    expect(links()).toEqual(['Triage board']);
  });

  it('leaves out Triage board on the board', async () => {
    renderPage(<HeaderActions />, {
      api: fakeApi(),
      user: PRIYA,
      initialRouteEntries: ['/requests/triage'],
    });
    expect(
      await screen.findByRole('link', { name: 'File a request' }),
    ).toBeInTheDocument();
    expect(links()).toEqual(['File a request']);
  });
});
