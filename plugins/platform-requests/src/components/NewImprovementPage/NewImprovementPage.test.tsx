import { coreApis } from '@backstage/frontend-plugin-api';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  CHECKOUT,
  fakeApi,
  fakeImprovementsApi,
  makeImprovement,
  PLATFORM,
  PRIYA,
  renderPage,
  responseError,
} from '../../__testUtils__';
import { NewImprovementPage, parseRequestKeys } from './NewImprovementPage';

const asPlatform = { user: PRIYA, groups: [PLATFORM] };

describe('NewImprovementPage', () => {
  it('reads request keys separated by commas or spaces', () => {
    expect(parseRequestKeys(' req-1, REQ-4  REQ-7,')).toEqual([
      'REQ-1',
      'REQ-4',
      'REQ-7',
    ]);
  });

  it('creates the improvement and opens it', async () => {
    const improvements = fakeImprovementsApi({
      createImprovement: jest.fn(async () => makeImprovement({ id: 'IMP-9' })),
    });
    const { apis } = renderPage(<NewImprovementPage />, {
      api: fakeApi(),
      improvements,
      ...asPlatform,
    });
    await userEvent.type(
      await screen.findByRole('textbox', { name: /Title/ }),
      'Faster CI runners',
    );
    await userEvent.type(
      screen.getByRole('textbox', { name: /Requests it answers/ }),
      'REQ-1, REQ-2',
    );
    await userEvent.click(
      await screen.findByRole('checkbox', { name: 'Checkout' }),
    );
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Lead time for changes' }),
    );
    await userEvent.type(
      screen.getByRole('textbox', { name: /Planned for/ }),
      '2030-03-31',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Create improvement' }),
    );

    await waitFor(() =>
      expect(improvements.createImprovement).toHaveBeenCalledWith({
        title: 'Faster CI runners',
        problem: '',
        requests: ['REQ-1', 'REQ-2'],
        scope: { teams: [CHECKOUT], entities: [] },
        targetKpis: ['leadTime'],
        plannedFor: '2030-03-31',
        owner: null,
      }),
    );
    await waitFor(() =>
      expect(
        apis.get(coreApis.appHistory)!.getSnapshot().location.pathname,
      ).toBe('/improvements/IMP-9'),
    );
  });

  it('offers the scores of survey questions as target KPIs', async () => {
    const improvements = fakeImprovementsApi({
      listSurveyScores: jest.fn(async () => [
        { kpi: 'survey:s-1:q1', label: 'Developer pulse — CI is fast' },
      ]),
      createImprovement: jest.fn(async () => makeImprovement({ id: 'IMP-9' })),
    });
    renderPage(<NewImprovementPage />, {
      api: fakeApi(),
      improvements,
      ...asPlatform,
    });
    await userEvent.type(
      await screen.findByRole('textbox', { name: /Title/ }),
      'Faster CI runners',
    );
    await userEvent.click(
      await screen.findByRole('checkbox', {
        name: 'Survey score: Developer pulse — CI is fast',
      }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Create improvement' }),
    );
    await waitFor(() =>
      expect(improvements.createImprovement).toHaveBeenCalledWith(
        expect.objectContaining({ targetKpis: ['survey:s-1:q1'] }),
      ),
    );
  });

  it('says why no survey score is offered when the surveys cannot be read', async () => {
    renderPage(<NewImprovementPage />, {
      api: fakeApi(),
      improvements: fakeImprovementsApi({
        listSurveyScores: jest.fn(async () => {
          throw new Error('surveys backend down');
        }),
      }),
      ...asPlatform,
    });
    expect(
      await screen.findByText(/Survey scores cannot be offered/),
    ).toHaveTextContent('surveys backend down');
    expect(
      screen.getByRole('checkbox', { name: 'Lead time for changes' }),
    ).toBeInTheDocument();
  });

  it('shows the server’s message naming the field', async () => {
    const improvements = fakeImprovementsApi({
      createImprovement: jest.fn(async () => {
        throw await responseError(
          400,
          'requests.0: there is no request REQ-99',
        );
      }),
    });
    renderPage(<NewImprovementPage />, {
      api: fakeApi(),
      improvements,
      ...asPlatform,
    });
    await userEvent.type(
      await screen.findByRole('textbox', { name: /Title/ }),
      'Faster CI runners',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Create improvement' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'requests.0: there is no request REQ-99',
    );
  });
});
