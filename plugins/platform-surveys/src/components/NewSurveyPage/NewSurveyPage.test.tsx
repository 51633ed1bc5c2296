import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeApi, renderPage } from '../../__testUtils__/renderPage';
import { NewSurveyPage } from './NewSurveyPage';

async function fill(title: string) {
  await userEvent.type(
    await screen.findByRole('textbox', { name: /^Title/ }),
    title,
  );
  await userEvent.type(
    screen.getByRole('textbox', { name: 'Question 1 text' }),
    'Our CI is fast enough',
  );
  const opens = screen.getByRole('textbox', { name: /^Opens/ });
  await userEvent.clear(opens);
  await userEvent.type(opens, '2027-01-04');
  const closes = screen.getByRole('textbox', { name: /^Closes/ });
  await userEvent.clear(closes);
  await userEvent.type(closes, '2027-01-15');
}

describe('NewSurveyPage', () => {
  it('creates a survey from the form', async () => {
    const api = fakeApi();
    renderPage(<NewSurveyPage />, { api });
    await fill('Developer experience pulse');
    await userEvent.type(
      screen.getByRole('textbox', { name: /^Audience/ }),
      'group:default/checkout-team',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Create survey' }),
    );
    await waitFor(() =>
      expect(api.createSurvey).toHaveBeenCalledWith({
        title: 'Developer experience pulse',
        description: '',
        questions: [{ kind: 'agreement', text: 'Our CI is fast enough' }],
        audience: { kind: 'groups', groups: ['group:default/checkout-team'] },
        opensAt: '2027-01-04T00:00:00Z',
        closesAt: '2027-01-15T23:59:59Z',
        repeat: null,
      }),
    );
  });

  it('names what is wrong before sending anything', async () => {
    const api = fakeApi();
    renderPage(<NewSurveyPage />, { api });
    await fill('ab');
    await userEvent.click(
      screen.getByRole('button', { name: 'Create survey' }),
    );
    expect(
      await screen.findByText(/title: must be at least 3 characters/),
    ).toBeInTheDocument();
    expect(api.createSurvey).not.toHaveBeenCalled();
  });
});
