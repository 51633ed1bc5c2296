import { screen } from '@testing-library/react';
import { platformRequestTriagePermission } from '@internal/plugin-platform-requests-common';
import { fakeApi, PLATFORM, renderPage } from '../../__testUtils__';
import { TriageBoardPage } from './TriageBoardPage';

// A file of its own: usePermission caches answers per file (SWR).
describe('TriageBoardPage without triage permission', () => {
  it('explains that the board is for the platform team and loads nothing', async () => {
    const api = fakeApi();
    renderPage(<TriageBoardPage />, {
      api,
      deny: [platformRequestTriagePermission.name],
    });
    expect(
      await screen.findByText('The triage board is for the platform team.'),
    ).toBeInTheDocument();
    expect(api.listRequests).not.toHaveBeenCalled();
  });

  it('says why nobody may triage when the platform team is not in the catalog', async () => {
    const api = fakeApi();
    api.getPlatformTeamStatus.mockResolvedValue({
      ref: PLATFORM,
      status: 'missing',
    });
    renderPage(<TriageBoardPage />, {
      api,
      deny: [platformRequestTriagePermission.name],
    });
    expect(
      await screen.findByText(
        "The platform team's group group:default/platform-team is not in the catalog.",
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('The triage board is for the platform team.'),
    ).toBeInTheDocument();
  });
});
