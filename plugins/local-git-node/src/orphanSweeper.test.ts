import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { LocalGitStore } from './LocalGitStore';
import { sweepOrphans } from './orphanSweeper';

describe('sweepOrphans', () => {
  it('removes repositories of failed or cancelled runs and settles the rest', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sweep-'));
    const store = new LocalGitStore(root);
    const source = fs.mkdtempSync(path.join(os.tmpdir(), 'sweep-src-'));
    fs.writeFileSync(path.join(source, 'a.txt'), 'a');
    const author = { name: 'a', email: 'a@example.com' };
    const statuses: Record<string, string> = {
      t1: 'failed',
      t2: 'completed',
      t3: 'cancelled',
      t4: 'processing',
    };
    for (const [name, taskId] of [
      ['one', 't1'],
      ['two', 't2'],
      ['three', 't3'],
      ['four', 't4'],
    ]) {
      await store.publish({
        name,
        sourceDir: source,
        author,
        message: 'm',
        taskId,
      });
    }
    await store.publish({
      name: 'manual',
      sourceDir: source,
      author,
      message: 'm',
    });
    const lookups: string[] = [];
    const lookup = async (id: string) => {
      lookups.push(id);
      return statuses[id];
    };

    const removed = await sweepOrphans(
      store,
      lookup,
      mockServices.logger.mock(),
    );
    expect(removed.sort()).toEqual(['one', 'three']);
    expect(await store.list()).toEqual(['four', 'manual', 'two']);

    // A settled repository is not asked about again; a running one is.
    lookups.length = 0;
    await sweepOrphans(store, lookup, mockServices.logger.mock());
    expect(lookups).toEqual(['t4']);

    // Within one process, settled repositories are not even read again.
    const settled = new Set<string>();
    await sweepOrphans(store, lookup, mockServices.logger.mock(), { settled });
    expect([...settled].sort()).toEqual(['manual', 'two']);
    const reads = jest.spyOn(store, 'getConfig');
    await sweepOrphans(store, lookup, mockServices.logger.mock(), { settled });
    expect(new Set(reads.mock.calls.map(([name]) => name))).toEqual(
      new Set(['four']),
    );

    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(source, { recursive: true, force: true });
  });
});
