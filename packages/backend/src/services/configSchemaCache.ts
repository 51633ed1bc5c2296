/*
 * The config schema that the root logger's secret redaction reads, kept on
 * disk between starts of a source checkout.
 *
 * Backstage collects it at every start from every workspace package and their
 * dependencies, compiling each package's config.d.ts with the TypeScript
 * compiler: about a quarter of a source start's CPU time, the same at every
 * start (docs/benchmarks.md). A built backend reads precompiled JSON schemas
 * instead; this gives the source checkout (`npm start`, the system tests) the
 * same, keyed on everything the compiled schema is made from: yarn.lock (the
 * installed packages, Backstage's schemas among them) and each workspace
 * package's package.json and schema file. A run that reported schema errors is
 * not kept, so its warnings come again next time.
 */
import { loadConfigSchema } from '@backstage/config-loader';
import { getPackages } from '@manypkg/get-packages';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

type ConfigSchema = Awaited<ReturnType<typeof loadConfigSchema>>;

/** Bump when what is stored changes shape. */
const FORMAT = 'lodestar-config-schema-cache-1';

/** Where the kept schemas live, inside the checkout's node_modules. */
export const configSchemaCacheDir = (root: string) =>
  path.join(root, 'node_modules', '.cache', 'lodestar-config-schema');

const readIfExists = (file: string) => {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
};

/**
 * The cache key of a workspace's schema: undefined when the workspace has no
 * yarn.lock (not a source checkout), where nothing is kept.
 */
export function configSchemaCacheKey(workspace: {
  root: string;
  packageDirs: string[];
}): string | undefined {
  const lock = readIfExists(path.join(workspace.root, 'yarn.lock'));
  if (!lock) return undefined;
  const hash = createHash('sha256').update(FORMAT).update('\0').update(lock);
  for (const dir of [...workspace.packageDirs].sort()) {
    const manifest = fs.readFileSync(path.join(dir, 'package.json'));
    hash.update('\0').update(path.relative(workspace.root, dir));
    hash.update('\0').update(manifest);
    const { configSchema } = JSON.parse(manifest.toString('utf8'));
    if (typeof configSchema === 'string') {
      hash
        .update('\0')
        .update(readIfExists(path.join(dir, configSchema)) ?? 'missing');
    }
  }
  return hash.digest('hex');
}

export type CollectConfigSchema = (options: {
  dependencies: string[];
  onSchemaError: (error: Error) => void;
}) => Promise<ConfigSchema>;

/**
 * The schema of the workspace around `dir` (every workspace package and its
 * dependencies, as Backstage's secret enumerator collects it), from the cache
 * when its inputs are unchanged.
 */
export async function loadWorkspaceConfigSchema(options: {
  dir?: string;
  onSchemaError: (error: Error) => void;
  collect?: CollectConfigSchema;
}): Promise<ConfigSchema> {
  const { dir = process.cwd(), onSchemaError } = options;
  const collect: CollectConfigSchema = options.collect ?? loadConfigSchema;
  const { root, packages } = await getPackages(dir);
  const dependencies = packages.map(p => p.packageJson.name);
  const key = configSchemaCacheKey({
    root: root.dir,
    packageDirs: packages.map(p => p.dir),
  });
  if (!key) return collect({ dependencies, onSchemaError });

  const cacheDir = configSchemaCacheDir(root.dir);
  const file = path.join(cacheDir, `${key}.json`);
  const kept = readIfExists(file);
  if (kept) {
    try {
      return await loadConfigSchema({ serialized: JSON.parse(String(kept)) });
    } catch {
      // A damaged file: collect again and overwrite it.
    }
  }

  let errors = 0;
  const schema = await collect({
    dependencies,
    onSchemaError: error => {
      errors += 1;
      onSchemaError(error);
    },
  });
  if (errors === 0) keep(cacheDir, file, schema);
  return schema;
}

/**
 * Writes the schema under its key (atomically: portals start side by side)
 * and removes the entries of other keys. A read-only checkout keeps nothing.
 */
function keep(cacheDir: string, file: string, schema: ConfigSchema) {
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(schema.serialize()));
    fs.renameSync(temp, file);
    for (const entry of fs.readdirSync(cacheDir)) {
      const other = path.join(cacheDir, entry);
      if (other !== file && entry.endsWith('.json')) fs.rmSync(other);
    }
  } catch {
    // Nothing kept; the next start collects again.
  }
}
