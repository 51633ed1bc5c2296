import { screen, waitFor } from '@testing-library/react';
import {
  fakeApi,
  OPEN,
  renderPage,
  SURVEY,
} from '../../__testUtils__/renderPage';
import { OpenSurveysCard } from './OpenSurveysCard';

describe('OpenSurveysCard', () => {
  it('lists the rounds open for the person, linking to each form', async () => {
    renderPage(<OpenSurveysCard />, { api: fakeApi() });
    const link = await screen.findByRole('link', { name: SURVEY.title });
    expect(link).toHaveAttribute('href', `/surveys/${SURVEY.id}`);
    expect(screen.getByText(/1 waiting for your answer/)).toBeInTheDocument();
    expect(screen.getByText(/Open until 2026-04-19/)).toBeInTheDocument();
  });

  it('says when an answer can still be changed', async () => {
    const api = fakeApi({
      openSurveys: jest.fn(async () => [{ ...OPEN, answered: true }]),
    });
    renderPage(<OpenSurveysCard />, { api });
    expect(
      await screen.findByText(/you can change your answer until 2026-04-19/),
    ).toBeInTheDocument();
  });

  it('takes no room when nothing is open', async () => {
    const api = fakeApi({ openSurveys: jest.fn(async () => []) });
    renderPage(<OpenSurveysCard />, { api });
    await waitFor(() => expect(api.openSurveys).toHaveBeenCalled());
    expect(screen.queryByText('Open surveys')).not.toBeInTheDocument();
  });
});
