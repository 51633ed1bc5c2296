import { screen } from '@testing-library/react';
import {
  improvementCreatePermission,
  improvementShipPermission,
  improvementUpdatePermission,
} from '@internal/plugin-platform-requests-common';
import {
  fakeApi,
  fakeImprovementsApi,
  makeImprovement,
  renderPage,
} from '../../__testUtils__';
import { ImprovementListPage } from '../ImprovementListPage';
import { ImprovementPage } from './ImprovementPage';

// Someone outside the platform team. One permission set per file:
// usePermission caches answers per file (SWR).
const deny = [
  improvementCreatePermission.name,
  improvementUpdatePermission.name,
  improvementShipPermission.name,
];

describe('improvements for someone outside the platform team', () => {
  it('shows the improvement without actions, and everyone as its scope', async () => {
    const improvements = fakeImprovementsApi({
      getImprovement: jest.fn(async () =>
        makeImprovement({ scope: { teams: [], entities: [] } }),
      ),
    });
    renderPage(<ImprovementPage id="IMP-1" />, {
      api: fakeApi(),
      improvements,
      deny,
    });
    expect(
      await screen.findByRole('heading', { name: 'IMP-1 · Faster CI runners' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Everyone')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Ship' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Drop' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
  });

  it('offers no "New improvement" on the list', async () => {
    renderPage(<ImprovementListPage />, {
      api: fakeApi(),
      improvements: fakeImprovementsApi({
        listImprovements: jest.fn(async () => [makeImprovement()]),
      }),
      deny,
    });
    expect(
      await screen.findByRole('table', { name: 'Improvements' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'New improvement' })).toBeNull();
  });
});
