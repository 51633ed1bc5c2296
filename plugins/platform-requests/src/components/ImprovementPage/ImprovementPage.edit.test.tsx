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
import { ImprovementPage } from './ImprovementPage';

const asPlatform = { user: PRIYA, groups: [PLATFORM] };

async function openEditForm() {
  await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
  return screen.findByRole('textbox', { name: /Title/ });
}

describe('ImprovementPage: editing', () => {
  it('fills the form with the improvement and saves every field with If-Match', async () => {
    const improvements = fakeImprovementsApi({
      updateImprovement: jest.fn(async (_id, _version, input) =>
        makeImprovement({ title: input.title, version: 4 }),
      ),
    });
    renderPage(<ImprovementPage id="IMP-1" />, {
      api: fakeApi(),
      improvements,
      ...asPlatform,
    });
    const title = await openEditForm();
    expect(title).toHaveValue('Faster CI runners');
    expect(
      screen.getByRole('textbox', { name: /Requests it answers/ }),
    ).toHaveValue('REQ-1, REQ-2');
    await userEvent.clear(title);
    await userEvent.type(title, 'Twice the CI runners');
    await userEvent.clear(screen.getByRole('textbox', { name: /Planned for/ }));
    await userEvent.type(
      screen.getByRole('textbox', { name: /Planned for/ }),
      '2030-06-30',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() =>
      expect(improvements.updateImprovement).toHaveBeenCalledWith('IMP-1', 3, {
        title: 'Twice the CI runners',
        problem: 'Builds wait **20 minutes** for a runner.',
        requests: ['REQ-1', 'REQ-2'],
        scope: {
          teams: [CHECKOUT],
          entities: ['component:default/checkout-api'],
        },
        targetKpis: ['leadTime'],
        plannedFor: '2030-06-30',
        owner: PRIYA,
      }),
    );
    expect(
      await screen.findByRole('heading', {
        name: 'IMP-1 · Twice the CI runners',
      }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save changes' })).toBeNull();
  });

  it('on a 412 says someone else changed it, keeps what was typed, and saves on top of the reloaded version', async () => {
    const improvements = fakeImprovementsApi({
      getImprovement: jest
        .fn()
        .mockResolvedValueOnce(makeImprovement({ version: 3 }))
        .mockResolvedValueOnce(
          makeImprovement({ version: 5, plannedFor: '2031-01-31' }),
        ),
      updateImprovement: jest
        .fn()
        .mockImplementationOnce(async () => {
          throw await responseError(
            412,
            'IMP-1 changed meanwhile (version 5, not 3)',
          );
        })
        .mockImplementationOnce(async () =>
          makeImprovement({ title: 'Mine after all', version: 6 }),
        ),
    });
    renderPage(<ImprovementPage id="IMP-1" />, {
      api: fakeApi(),
      improvements,
      ...asPlatform,
    });
    const title = await openEditForm();
    await userEvent.clear(title);
    await userEvent.type(title, 'Mine after all');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(
      await screen.findByText('Someone else changed this improvement'),
    ).toBeInTheDocument();
    expect(title).toHaveValue('Mine after all');

    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    await waitFor(() =>
      expect(
        screen.queryByText('Someone else changed this improvement'),
      ).toBeNull(),
    );
    // Their version is underneath; what was typed is still in the form.
    expect(screen.getByText(/planned for 2031-01-31/)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /Title/ })).toHaveValue(
      'Mine after all',
    );

    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() =>
      expect(improvements.updateImprovement).toHaveBeenLastCalledWith(
        'IMP-1',
        5,
        expect.objectContaining({ title: 'Mine after all' }),
      ),
    );
    expect(
      await screen.findByRole('heading', { name: 'IMP-1 · Mine after all' }),
    ).toBeInTheDocument();
  });
});
