import { Entity } from '@backstage/catalog-model';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  scaffolderApiRef,
  TemplateParameterSchema,
} from '@backstage/plugin-scaffolder-react';
import { scaffolderApiMock } from '@backstage/plugin-scaffolder-react/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { scaffolderFieldsModule } from '.';

const parcelTracker: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'parcel-tracker', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/fleet-ops' },
};

// The `name` parameter as the Lodestar templates declare it.
const nameParameter = {
  title: 'Name',
  type: 'string',
  description: 'The name of the service.',
  pattern: '^[a-z][a-z0-9-]{1,38}[a-z0-9]$',
  maxLength: 40,
  'ui:field': 'LodestarEntityNamePicker',
  'ui:help': '3 to 40 characters.',
};

function templateWith(name: object): TemplateParameterSchema {
  return {
    title: 'TypeScript service',
    steps: [
      {
        title: 'About the service',
        schema: { required: ['name'], properties: { name } },
      },
    ],
  };
}

// The real Create page with the module installed, as in App.tsx: this also
// checks that the field is registered where the scaffolder looks for it.
async function openTemplate(name: object = nameParameter) {
  renderTestApp({
    features: [scaffolderPlugin, scaffolderFieldsModule],
    initialRouteEntries: ['/create/templates/default/typescript-service'],
    apis: [
      [catalogApiRef, catalogApiMock({ entities: [parcelTracker] })],
      [
        scaffolderApiRef,
        scaffolderApiMock.mock({
          getTemplateParameterSchema: async () => templateWith(name),
        }),
      ],
    ],
  });
  return screen.findByRole('textbox', { name: /Name/ });
}

const pressReview = () =>
  userEvent.click(screen.getByRole('button', { name: 'Review' }));

describe('LodestarEntityNamePicker', () => {
  beforeAll(() => {
    // The stepper scrolls to the top on each step; jsdom cannot.
    jest.spyOn(window, 'scrollTo').mockImplementation(() => {});
  });

  it('shows title, description, help and the required marker', async () => {
    const input = await openTemplate();
    expect(input).toBeRequired();
    expect(screen.getByText('The name of the service.')).toBeInTheDocument();
    expect(screen.getByText('3 to 40 characters.')).toBeInTheDocument();
  });

  it('says what is wrong as soon as the user leaves the field', async () => {
    const input = await openTemplate();
    await userEvent.type(input, 'a/b');
    expect(screen.queryByText(/found "\/"/)).not.toBeInTheDocument();
    await userEvent.tab();
    expect(
      screen.getByText(
        'must contain only lowercase letters, digits and dashes (found "/")',
      ),
    ).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'true');
  });

  // With `pattern` in the template, the form stops at its generic message
  // and never runs the field's validation; the field still says why.
  it('explains a name the template pattern rejects', async () => {
    const input = await openTemplate();
    await userEvent.type(input, 'Parcel');
    await pressReview();
    expect(
      (await screen.findAllByText(/must match pattern/)).length,
    ).toBeGreaterThan(0);
    expect(screen.getByText('use lowercase letters only')).toBeInTheDocument();
  });

  it('reports its own message on Review when the template has no pattern', async () => {
    const { pattern, maxLength, ...withoutPattern } = nameParameter;
    const input = await openTemplate(withoutPattern);
    // Pasted, not typed: 200 keystrokes prove nothing more and take long.
    await userEvent.click(input);
    await userEvent.paste('a'.repeat(200));
    await pressReview();
    expect(
      (
        await screen.findAllByText(
          /must be at most 40 characters \(it has 200\)/,
        )
      ).length,
    ).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: 'Review' })).toBeInTheDocument();
  });

  it('stays on the step when the catalog already has the name', async () => {
    const input = await openTemplate();
    await userEvent.type(input, 'parcel-tracker');
    await pressReview();
    expect(
      (
        await screen.findAllByText(
          /"parcel-tracker" is already taken in the catalog by component:default\/parcel-tracker/,
        )
      ).length,
    ).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: 'Review' })).toBeInTheDocument();
  });

  it('lets a free name through to the review step', async () => {
    const input = await openTemplate();
    await userEvent.type(input, 'parcel-router');
    await pressReview();
    expect(
      await screen.findByRole('button', { name: 'Create' }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/already taken/)).not.toBeInTheDocument();
  });
});
