import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogApiRef, CatalogApi } from '@backstage/plugin-catalog-react';
import { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { nameProblems } from '@internal/plugin-scaffolder-lodestar-common';
import { LodestarEntityNamePickerUiOptions } from './schema';

// Runs when the user presses Next: the syntax rules first, then whether the
// catalog already has the name (or a name the template derives from it).
export const lodestarEntityNamePickerValidation: CustomFieldValidator<
  string,
  LodestarEntityNamePickerUiOptions
> = async (value, validation, { apiHolder, uiSchema }) => {
  if (!value) return;

  const problem = nameProblems(value);
  if (problem) {
    validation.addError(problem);
    return;
  }

  const catalogApi = apiHolder.get(catalogApiRef);
  if (!catalogApi) return;

  const suffixes = reservedSuffixes(uiSchema?.['ui:options']);
  const namesToCreate = [value, ...suffixes.map(suffix => value + suffix)];
  const taken = await entitiesNamed(catalogApi, namesToCreate);
  if (taken.length === 0) return;

  const refs = taken.map(entity => stringifyEntityRef(entity)).join(', ');
  // Without this, a clash on `<name>-api` would read as a clash on `<name>`.
  const derivedNameTaken = taken.some(entity => entity.metadata.name !== value);
  const why = derivedNameTaken
    ? ` (the template also creates ${namesToCreate.slice(1).join(', ')})`
    : '';
  validation.addError(
    `"${value}" is already taken in the catalog by ${refs}${why}`,
  );
};

/** The entities in the default namespace that use any of `names`. */
async function entitiesNamed(
  catalogApi: CatalogApi,
  names: string[],
): Promise<Entity[]> {
  try {
    const { items } = await catalogApi.getEntities({
      filter: { 'metadata.namespace': 'default', 'metadata.name': names },
      fields: ['kind', 'metadata.name'],
    });
    return items;
  } catch {
    // Not worth blocking the user over: the scaffolder backend checks the
    // name again before it creates anything.
    return [];
  }
}

function reservedSuffixes(
  options: LodestarEntityNamePickerUiOptions | undefined,
): string[] {
  const suffixes = options?.reservedSuffixes;
  if (!Array.isArray(suffixes)) return [];
  return suffixes.filter(
    (suffix): suffix is string => typeof suffix === 'string' && suffix !== '',
  );
}
