/*
 * The preflight's own input: the wait for another starting backend comes
 * from LODESTAR_STARTUP_WAIT_SECONDS, and a value that is not a number of
 * seconds is refused by name. (The start-up lock itself is tested in
 * services/migrationLocks.test.ts and tests/migrationKill.test.ts.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  engines,
  newPostgresPrefix,
  postgresTarget,
  repoRoot,
} from '@internal/testing';
import YAML from 'yaml';
import { preflight } from './preflight';

(engines.includes('postgres') ? describe : describe.skip)(
  'preflight on PostgreSQL',
  () => {
    let dir: string;
    let argv: string[];

    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestar-preflight-'));
      const file = path.join(dir, 'app-config.pg.yaml');
      fs.writeFileSync(
        file,
        YAML.stringify({
          backend: {
            database: {
              client: 'pg',
              connection: postgresTarget(),
              prefix: newPostgresPrefix(),
            },
          },
        }),
      );
      argv = [
        'node',
        'index.ts',
        '--config',
        path.join(repoRoot, 'app-config.yaml'),
        '--config',
        file,
      ];
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('refuses a wait that is not a number of seconds, naming the variable', async () => {
      await expect(
        preflight(argv, { LODESTAR_STARTUP_WAIT_SECONDS: 'soon' }),
      ).rejects.toThrow(
        'LODESTAR_STARTUP_WAIT_SECONDS must be a number of seconds, not soon',
      );
    });

    it('returns holding the start-up lock, and releases it', async () => {
      const lock = await preflight(argv, {});
      await expect(
        preflight(argv, { LODESTAR_STARTUP_WAIT_SECONDS: '0' }),
      ).rejects.toThrow(/another backend of this installation/);
      await lock.release();
      // Released: the next start does not wait.
      const next = await preflight(argv, {
        LODESTAR_STARTUP_WAIT_SECONDS: '0',
      });
      await next.release();
    });
  },
);
