import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  CATALOG_TEAMS,
  fakeApi,
  PLATFORM_ONLY,
  renderPage,
  SURVEY,
} from '../../__testUtils__/renderPage';
import { SurveyPage } from './SurveyPage';

describe('SurveyPage', () => {
  it('sends an answer to the open round, and checks it first', async () => {
    const api = fakeApi();
    renderPage(<SurveyPage surveyId={SURVEY.id} />, {
      api,
      deny: PLATFORM_ONLY,
    });
    const form = await screen.findByTestId('answer-form');
    await userEvent.click(
      within(form).getByRole('button', { name: 'Send my answer' }),
    );
    expect(await within(form).findAllByText('required')).toHaveLength(2);
    expect(api.respond).not.toHaveBeenCalled();

    await userEvent.click(within(form).getByRole('radio', { name: '4' }));
    await userEvent.click(within(form).getByRole('radio', { name: 'Docs' }));
    await userEvent.type(
      within(form).getByRole('textbox', { name: 'Anything else?' }),
      'More runners',
    );
    await userEvent.click(
      within(form).getByRole('button', { name: 'Send my answer' }),
    );
    await waitFor(() =>
      expect(api.respond).toHaveBeenCalledWith(SURVEY.id, 2, {
        answers: { q1: 4, q2: 'Docs', q3: 'More runners' },
      }),
    );
    expect(
      await screen.findByText('Thank you — your answer is in.'),
    ).toBeInTheDocument();
    // Not the platform team: no results.
    expect(screen.queryByTestId('results')).not.toBeInTheDocument();
    expect(api.getResults).not.toHaveBeenCalled();
  });

  it('shows the platform team the results, and "Not enough responses" where the API hides a group', async () => {
    const api = fakeApi();
    renderPage(<SurveyPage surveyId={SURVEY.id} />, { api });
    const everyone = await screen.findByTestId('group-Everyone');
    expect(everyone).toHaveTextContent('11 respondents');
    expect(everyone).toHaveTextContent('Mean 4 · median 4 · n = 11');
    expect(everyone).toHaveTextContent('CI: 7 · Docs: 4');
    expect(everyone).toHaveTextContent('Faster runners');
    const payments = screen.getByTestId('group-group:default/payments-team');
    expect(payments).toHaveTextContent('Not enough responses');
    expect(payments).toHaveTextContent('at least 5 people');
    expect(api.getResults).toHaveBeenCalledWith(SURVEY.id, 1);
  });

  it('names teams as the catalog does, in the cards and the team filter', async () => {
    const api = fakeApi();
    renderPage(<SurveyPage surveyId={SURVEY.id} />, {
      api,
      catalog: CATALOG_TEAMS,
    });
    const checkout = await screen.findByTestId(
      'group-group:default/checkout-team',
    );
    expect(
      await within(checkout).findByRole('heading', {
        name: 'Checkout Team · 6 respondents',
      }),
    ).toBeInTheDocument();
    const payments = screen.getByTestId('group-group:default/payments-team');
    expect(
      await within(payments).findByRole('heading', { name: 'Payments Team' }),
    ).toBeInTheDocument();
    expect(payments).toHaveTextContent('Not enough responses');
    expect(screen.queryByText(/group:default/)).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: /Team$/ }));
    await userEvent.click(
      within(screen.getByRole('listbox', { name: 'Team' })).getByRole(
        'option',
        { name: 'Payments Team' },
      ),
    );
    await waitFor(() =>
      expect(api.getResults).toHaveBeenCalledWith(
        SURVEY.id,
        1,
        'group:default/payments-team',
      ),
    );
    const narrowed = await screen.findByTestId(
      'group-group:default/payments-team',
    );
    expect(
      within(narrowed).getByRole('heading', { name: 'Payments Team' }),
    ).toBeInTheDocument();
  });

  it('names a team by its ref where no catalog names it', async () => {
    renderPage(<SurveyPage surveyId={SURVEY.id} />, { api: fakeApi() });
    const checkout = await screen.findByTestId(
      'group-group:default/checkout-team',
    );
    expect(
      within(checkout).getByRole('heading', {
        name: 'checkout-team · 6 respondents',
      }),
    ).toBeInTheDocument();
  });
});
