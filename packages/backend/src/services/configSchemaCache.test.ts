/*
 * The kept config schema is reused only while its inputs are unchanged, and
 * what comes back redacts the same secrets as the schema that was collected.
 */
import { loadConfigSchema } from '@backstage/config-loader';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CollectConfigSchema,
  configSchemaCacheDir,
  configSchemaCacheKey,
  loadWorkspaceConfigSchema,
} from './configSchemaCache';

const roots: string[] = [];
afterAll(() => roots.forEach(r => fs.rmSync(r, { recursive: true })));

/** A yarn workspace with two packages, one with a config.d.ts. */
function makeWorkspace() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-cache-'));
  roots.push(root);
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write(
    'package.json',
    JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
  );
  write('yarn.lock', '# lock v1\n');
  write(
    'packages/a/package.json',
    JSON.stringify({ name: 'a', configSchema: 'config.d.ts' }),
  );
  write('packages/a/config.d.ts', 'export interface Config { a?: string }\n');
  write('packages/b/package.json', JSON.stringify({ name: 'b' }));
  const packageDirs = ['packages/a', 'packages/b'].map(d => path.join(root, d));
  return { root, write, packageDirs };
}

const secretSchema = () =>
  loadConfigSchema({
    serialized: {
      backstageConfigSchemaVersion: 1,
      schemas: [
        {
          path: 'packages/a/config.d.ts',
          value: {
            type: 'object',
            properties: {
              token: { type: 'string', visibility: 'secret' },
              name: { type: 'string' },
            },
          },
        },
      ],
    },
  });

/** The values a schema marks secret in a config. */
async function secretsOf(schema: Awaited<ReturnType<typeof loadConfigSchema>>) {
  const [processed] = schema.process(
    [{ data: { token: 's3cret', name: 'visible' }, context: 'test' }],
    { visibility: ['secret'], ignoreSchemaErrors: true },
  );
  return processed.data;
}

describe('configSchemaCacheKey', () => {
  it('changes with yarn.lock, a package.json and a schema file, and is stable otherwise', () => {
    const ws = makeWorkspace();
    const key = () => configSchemaCacheKey(ws);
    const first = key();
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(key()).toBe(first);

    ws.write(
      'packages/a/config.d.ts',
      'export interface Config { b?: string }\n',
    );
    const afterSchema = key();
    expect(afterSchema).not.toBe(first);

    ws.write('packages/b/package.json', JSON.stringify({ name: 'b', x: 1 }));
    const afterManifest = key();
    expect(afterManifest).not.toBe(afterSchema);

    ws.write('yarn.lock', '# lock v1\n# changed\n');
    expect(key()).not.toBe(afterManifest);
  });

  it('is undefined outside a source checkout (no yarn.lock)', () => {
    const ws = makeWorkspace();
    fs.rmSync(path.join(ws.root, 'yarn.lock'));
    expect(configSchemaCacheKey(ws)).toBeUndefined();
  });
});

describe('loadWorkspaceConfigSchema', () => {
  function counting(
    onCall?: (options: Parameters<CollectConfigSchema>[0]) => void,
  ) {
    const calls: string[][] = [];
    const collect: CollectConfigSchema = async options => {
      calls.push(options.dependencies);
      onCall?.(options);
      return secretSchema();
    };
    return { calls, collect };
  }

  it('collects once, then reads the kept schema, which redacts the same secrets', async () => {
    const ws = makeWorkspace();
    const { calls, collect } = counting();
    const onSchemaError = jest.fn();

    const collected = await loadWorkspaceConfigSchema({
      dir: ws.root,
      collect,
      onSchemaError,
    });
    const kept = await loadWorkspaceConfigSchema({
      dir: ws.root,
      collect,
      onSchemaError,
    });

    expect(calls.map(names => [...names].sort())).toEqual([['a', 'b']]);
    expect(await secretsOf(kept)).toEqual({ token: 's3cret' });
    expect(await secretsOf(kept)).toEqual(await secretsOf(collected));
    expect(fs.readdirSync(configSchemaCacheDir(ws.root))).toEqual([
      `${configSchemaCacheKey(ws)}.json`,
    ]);
  });

  it('collects again after a schema file changed, and keeps only the new entry', async () => {
    const ws = makeWorkspace();
    const { calls, collect } = counting();
    await loadWorkspaceConfigSchema({
      dir: ws.root,
      collect,
      onSchemaError() {},
    });
    ws.write(
      'packages/a/config.d.ts',
      'export interface Config { c?: string }\n',
    );
    await loadWorkspaceConfigSchema({
      dir: ws.root,
      collect,
      onSchemaError() {},
    });

    expect(calls).toHaveLength(2);
    expect(fs.readdirSync(configSchemaCacheDir(ws.root))).toEqual([
      `${configSchemaCacheKey(ws)}.json`,
    ]);
  });

  it('keeps nothing from a run with schema errors, so that they are reported again', async () => {
    const ws = makeWorkspace();
    const { calls, collect } = counting(options =>
      options.onSchemaError(new Error('bad schema in a')),
    );
    const onSchemaError = jest.fn();
    await loadWorkspaceConfigSchema({ dir: ws.root, collect, onSchemaError });
    await loadWorkspaceConfigSchema({ dir: ws.root, collect, onSchemaError });

    expect(calls).toHaveLength(2);
    expect(onSchemaError).toHaveBeenCalledTimes(2);
    expect(fs.existsSync(configSchemaCacheDir(ws.root))).toBe(false);
  });

  it('collects again over a damaged entry', async () => {
    const ws = makeWorkspace();
    const { calls, collect } = counting();
    await loadWorkspaceConfigSchema({
      dir: ws.root,
      collect,
      onSchemaError() {},
    });
    const file = path.join(
      configSchemaCacheDir(ws.root),
      `${configSchemaCacheKey(ws)}.json`,
    );
    fs.writeFileSync(file, '{"backstageConfigSchemaVer');
    const schema = await loadWorkspaceConfigSchema({
      dir: ws.root,
      collect,
      onSchemaError() {},
    });

    expect(calls).toHaveLength(2);
    expect(await secretsOf(schema)).toEqual({ token: 's3cret' });
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({
      backstageConfigSchemaVersion: 1,
    });
  });

  it('keeps nothing outside a source checkout', async () => {
    const ws = makeWorkspace();
    fs.rmSync(path.join(ws.root, 'yarn.lock'));
    const { calls, collect } = counting();
    await loadWorkspaceConfigSchema({
      dir: ws.root,
      collect,
      onSchemaError() {},
    });
    await loadWorkspaceConfigSchema({
      dir: ws.root,
      collect,
      onSchemaError() {},
    });

    expect(calls).toHaveLength(2);
    expect(fs.existsSync(configSchemaCacheDir(ws.root))).toBe(false);
  });
});
