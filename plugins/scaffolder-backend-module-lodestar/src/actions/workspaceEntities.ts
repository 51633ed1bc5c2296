/*
 * Checks the catalog-info.yaml a template rendered before anything is
 * published: every entity must be valid and its name still free. Otherwise
 * catalog:register would fail after the repository exists, or register a
 * location whose entities never appear.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import {
  componentEntityV1alpha1Validator,
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  parseEntityRef,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
  stringifyEntityRef,
  systemEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { InputError } from '@backstage/errors';

const policy = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);
const kindValidators = [
  componentEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
];

export async function readWorkspaceEntities(
  workspacePath: string,
  file = 'catalog-info.yaml',
): Promise<Entity[]> {
  const text = await fs
    .readFile(path.join(workspacePath, file), 'utf8')
    .catch(() => {
      throw new InputError(
        `the template rendered no ${file}, so there is nothing to register`,
      );
    });
  const entities: Entity[] = [];
  for (const doc of YAML.parseAllDocuments(text)) {
    if (doc.errors.length > 0) {
      throw new InputError(
        `${file} is not valid YAML: ${doc.errors[0].message}`,
      );
    }
    const value = doc.toJS();
    if (value === null) continue;
    let entity: Entity;
    try {
      entity = (await policy.enforce(value))!;
      for (const validator of kindValidators) await validator.check(entity);
    } catch (e: any) {
      throw new InputError(`${file} has an invalid entity: ${e.message}`);
    }
    entities.push(entity);
  }
  if (entities.length === 0) throw new InputError(`${file} has no entities`);
  return entities;
}

/** Throws when an entity of the same kind, namespace and name exists. */
export async function assertEntitiesAreNew(
  entities: Entity[],
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Promise<void> {
  const entityRefs = entities.map(e => stringifyEntityRef(e));
  const { items } = await catalog.getEntitiesByRefs(
    { entityRefs, fields: ['kind', 'metadata.name', 'metadata.namespace'] },
    { credentials },
  );
  const taken = entityRefs.filter((_, i) => items[i]);
  if (taken.length > 0) {
    throw new InputError(
      `name is already taken in the catalog: ${taken.join(
        ', ',
      )} exists; choose another name`,
    );
  }
}

/**
 * Throws when an entity names an owner or system the catalog does not know,
 * which would register a component with dangling relations.
 */
export async function assertReferencesExist(
  entities: Entity[],
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Promise<void> {
  const references = new Map<string, string>();
  for (const entity of entities) {
    const spec = (entity.spec ?? {}) as Record<string, unknown>;
    for (const [field, defaultKind] of [
      ['owner', 'group'],
      ['system', 'system'],
    ] as const) {
      const value = spec[field];
      if (typeof value !== 'string') continue;
      let ref: string;
      try {
        ref = stringifyEntityRef(
          parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
        );
      } catch {
        throw new InputError(`${field} "${value}" is not an entity reference`);
      }
      references.set(ref, field);
    }
  }
  const entityRefs = [...references.keys()];
  const { items } = await catalog.getEntitiesByRefs(
    { entityRefs, fields: ['kind'] },
    { credentials },
  );
  const missing = entityRefs.filter((_, i) => !items[i]);
  if (missing.length > 0) {
    throw new InputError(
      missing
        .map(
          ref => `${references.get(ref)} ${ref} does not exist in the catalog`,
        )
        .join('; '),
    );
  }
}
