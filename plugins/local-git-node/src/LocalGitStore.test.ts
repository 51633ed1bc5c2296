import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalGitStore } from './LocalGitStore';

describe('LocalGitStore', () => {
  let root: string;
  let source: string;
  let store: LocalGitStore;
  const author = { name: 'Priya Nair', email: 'priya@example.com' };

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'local-git-'));
    source = fs.mkdtempSync(path.join(os.tmpdir(), 'local-git-src-'));
    fs.mkdirSync(path.join(source, 'src'));
    fs.writeFileSync(path.join(source, 'README.md'), '# hello\n');
    fs.writeFileSync(path.join(source, 'src/index.ts'), 'export {};\n');
    store = new LocalGitStore(path.join(root, 'repos'));
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(source, { recursive: true, force: true });
  });

  it('publishes one commit by the author that git can clone', async () => {
    const { commitHash } = await store.publish({
      name: 'parcel-tracker',
      sourceDir: source,
      author,
      message: 'Initial commit',
      taskId: 'task-1',
    });
    expect(await store.list()).toEqual(['parcel-tracker']);
    expect(await store.resolve('parcel-tracker', 'main')).toBe(commitHash);
    expect(await store.listFiles('parcel-tracker', 'main')).toEqual([
      'README.md',
      'src/index.ts',
    ]);
    expect(
      (await store.readFile('parcel-tracker', 'main', 'README.md')).toString(),
    ).toBe('# hello\n');
    expect(await store.getConfig('parcel-tracker', 'lodestar.taskId')).toBe(
      'task-1',
    );
    // The working folder is not turned into a repository.
    expect(fs.existsSync(path.join(source, '.git'))).toBe(false);

    const clone = path.join(root, 'clone');
    execFileSync('git', [
      'clone',
      '--quiet',
      store.repoPath('parcel-tracker'),
      clone,
    ]);
    const log = execFileSync('git', [
      '-C',
      clone,
      'log',
      '--format=%an <%ae>|%s',
    ])
      .toString()
      .trim();
    expect(log).toBe('Priya Nair <priya@example.com>|Initial commit');
  });

  it('refuses a second repository of the same name and keeps the first', async () => {
    const first = await store.publish({
      name: 'abc',
      sourceDir: source,
      author,
      message: 'one',
    });
    await expect(
      store.publish({ name: 'abc', sourceDir: source, author, message: 'two' }),
    ).rejects.toThrow('repository abc already exists');
    expect(await store.resolve('abc', 'main')).toBe(first.commitHash);
    // No staging folders are left behind.
    expect(fs.readdirSync(store.root)).toEqual(['abc.git']);
  });

  it('lets exactly one of two racing publishes win', async () => {
    const results = await Promise.allSettled([
      store.publish({ name: 'race', sourceDir: source, author, message: 'a' }),
      store.publish({ name: 'race', sourceDir: source, author, message: 'b' }),
    ]);
    expect(results.map(r => r.status).sort()).toEqual([
      'fulfilled',
      'rejected',
    ]);
    expect(fs.readdirSync(store.root)).toEqual(['race.git']);
  });

  it('refuses names and paths that leave the repository', async () => {
    await store.publish({
      name: 'abc',
      sourceDir: source,
      author,
      message: 'x',
    });
    expect(() => store.repoPath('../etc')).toThrow(
      'repoName must contain only',
    );
    // `..` cannot climb above the repository's root: this looks for ./x.
    await expect(store.readFile('abc', 'main', '../../x')).rejects.toThrow(
      'abc has no file ../../x at main',
    );
    await expect(store.readFile('abc', 'main', 'missing.txt')).rejects.toThrow(
      'abc has no file missing.txt at main',
    );
    await expect(store.resolve('abc', '--upload-pack=x')).rejects.toThrow(
      'invalid ref',
    );
  });

  it('leaves nothing behind when the source folder does not exist', async () => {
    await expect(
      store.publish({
        name: 'ghost',
        sourceDir: path.join(root, 'nope'),
        author,
        message: 'x',
      }),
    ).rejects.toThrow();
    expect(fs.readdirSync(store.root)).toEqual([]);
  });
});
