import { screen, within } from '@testing-library/react';
import {
  CHECKOUT,
  fakeApi,
  makeTeamDora,
  renderPage,
} from '../../__testUtils__';
import { KpiPage } from './KpiPage';

const tile = (name: string) => screen.getByRole('group', { name });

describe('KpiPage in the person’s date and number format', () => {
  it('writes the tiles with German separators for de-DE', async () => {
    renderPage(<KpiPage />, {
      api: fakeApi(),
      initialRouteEntries: ['/kpis'],
      locale: 'de-DE',
    });
    const frequency = await screen.findByRole('group', {
      name: 'Deployment frequency',
    });
    expect(frequency).toHaveTextContent('1,40 / day');
    expect(frequency).toHaveTextContent('4,2 deploy days / week');
    expect(tile('Lead time for changes')).toHaveTextContent('3,2 h');
    expect(tile('Change failure rate')).toHaveTextContent('8,0 %');
    expect(tile('Time to restore service')).toHaveTextContent('2,1 d');
  });
});

describe('KpiPage with a team name that overrides the text direction', () => {
  it('isolates the name inside the sentence that names the scope', async () => {
    const RLO = '\u202E';
    const name = `${RLO}abc`;
    renderPage(<KpiPage />, {
      api: fakeApi({ getDora: jest.fn(async () => makeTeamDora()) }),
      initialRouteEntries: [`/kpis?team=${CHECKOUT}`],
      catalog: {
        getEntities: jest.fn(async () => ({
          items: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Group',
              metadata: { name: 'checkout-team', namespace: 'default' },
              spec: { type: 'team', profile: { displayName: name } },
            },
          ],
        })),
      },
    });
    const dora = await screen.findByRole('region', { name: 'DORA' });
    const subtitle = await within(dora).findByText(/^Delivery of/);
    const bdi = within(subtitle).getByText(name);
    expect(bdi.tagName).toBe('BDI');
    // Everything else in the sentence is outside the <bdi>.
    const rest = subtitle.cloneNode(true) as Element;
    rest.querySelector('bdi')!.remove();
    expect(rest.textContent).toBe(
      'Delivery of , last 90 days. The overall tier is the weakest of the four keys.',
    );
  });
});
