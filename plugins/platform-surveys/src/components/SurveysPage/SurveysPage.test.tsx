import { screen } from '@testing-library/react';
import {
  fakeApi,
  PLATFORM_ONLY,
  renderPage,
  SURVEY,
} from '../../__testUtils__/renderPage';
import { SurveysPage } from './SurveysPage';

describe('SurveysPage', () => {
  it('lists every survey with its rounds, and what is open for you', async () => {
    renderPage(<SurveysPage />, { api: fakeApi(), deny: PLATFORM_ONLY });
    const all = await screen.findByTestId('all-surveys');
    expect(all).toHaveTextContent(SURVEY.title);
    expect(all).toHaveTextContent(
      'round 2 open until 2026-04-19 · 1 of 2 rounds closed',
    );
    expect(await screen.findByTestId('open-surveys')).toHaveTextContent(
      SURVEY.title,
    );
    expect(screen.queryByText('New survey')).not.toBeInTheDocument();
  });

  it('offers the platform team a new survey', async () => {
    renderPage(<SurveysPage />, { api: fakeApi() });
    const button = await screen.findByText('New survey');
    expect(button.closest('a')).toHaveAttribute('href', '/surveys/new');
  });
});
