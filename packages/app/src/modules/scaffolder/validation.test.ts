import { Entity } from '@backstage/catalog-model';
import { ApiHolder } from '@backstage/core-plugin-api';
import { CatalogApi, catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { createFieldValidation } from '@backstage/plugin-scaffolder-react/alpha';
import { lodestarEntityNamePickerValidation } from './validation';

function entity(kind: string, name: string, namespace = 'default'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace },
    spec: {},
  };
}

const catalog = [
  entity('Component', 'parcel-tracker'),
  entity('API', 'checkout-api'),
  entity('Component', 'billing', 'finance'),
];

function apisWith(catalogApi: CatalogApi): ApiHolder {
  return {
    get: ref => (ref.id === catalogApiRef.id ? catalogApi : undefined) as any,
  };
}

async function validate(
  name: string,
  options: { catalogApi?: CatalogApi; reservedSuffixes?: string[] } = {},
) {
  const validation = createFieldValidation();
  await lodestarEntityNamePickerValidation(name, validation, {
    apiHolder: apisWith(
      options.catalogApi ?? catalogApiMock({ entities: catalog }),
    ),
    formData: { name },
    schema: {},
    uiSchema: options.reservedSuffixes
      ? { 'ui:options': { reservedSuffixes: options.reservedSuffixes } }
      : {},
  });
  return validation.__errors ?? [];
}

describe('lodestarEntityNamePickerValidation', () => {
  it('accepts a name nothing in the catalog uses', async () => {
    expect(await validate('parcel-router')).toEqual([]);
  });

  it('says which entity already has the name', async () => {
    expect(await validate('parcel-tracker')).toEqual([
      '"parcel-tracker" is already taken in the catalog by component:default/parcel-tracker',
    ]);
  });

  it('only looks in the default namespace', async () => {
    expect(await validate('billing')).toEqual([]);
  });

  it('also checks the names the template derives with reservedSuffixes', async () => {
    expect(await validate('checkout', { reservedSuffixes: ['-api'] })).toEqual([
      '"checkout" is already taken in the catalog by api:default/checkout-api (the template also creates checkout-api)',
    ]);
    expect(await validate('checkout')).toEqual([]);
  });

  it('asks the catalog once, for all names', async () => {
    const getEntities = jest.fn(async () => ({ items: [] }));
    await validate('parcel', {
      catalogApi: catalogApiMock.mock({ getEntities }),
      reservedSuffixes: ['-api', '-web'],
    });
    expect(getEntities).toHaveBeenCalledTimes(1);
    expect(getEntities).toHaveBeenCalledWith({
      filter: {
        'metadata.namespace': 'default',
        'metadata.name': ['parcel', 'parcel-api', 'parcel-web'],
      },
      fields: ['kind', 'metadata.name'],
    });
  });

  it('reports syntax problems without asking the catalog', async () => {
    const getEntities = jest.fn();
    const catalogApi = catalogApiMock.mock({ getEntities });
    expect(await validate('../x', { catalogApi })).toEqual([
      'must contain only lowercase letters, digits and dashes (found ".", "/")',
    ]);
    expect(getEntities).not.toHaveBeenCalled();
  });

  it('does not block the user when the catalog cannot be reached', async () => {
    const getEntities = jest.fn().mockRejectedValue(new Error('503'));
    expect(
      await validate('parcel-tracker', {
        catalogApi: catalogApiMock.mock({ getEntities }),
      }),
    ).toEqual([]);
  });

  it('leaves an empty value to the required rule', async () => {
    expect(await validate('')).toEqual([]);
  });
});
