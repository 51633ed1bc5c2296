// End-to-end checks of src/main.ts, run as a child process the way a
// container would run it (Node strips the TypeScript types itself).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, it } from 'node:test';

const MAIN = new URL('./main.ts', import.meta.url).pathname;

interface LogLine {
  level: string;
  time: string;
  name: string;
  msg: string;
  [key: string]: unknown;
}

function start(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: LogLine[] = [];
  let stderr = '';
  let buffered = '';
  const waiters: { msg: string; resolve: () => void }[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const complete = buffered.split('\n');
    buffered = complete.pop() ?? '';
    for (const text of complete.filter(Boolean)) {
      const line = JSON.parse(text) as LogLine; // every stdout line must be JSON
      lines.push(line);
      for (const waiter of waiters.filter((w) => w.msg === line.msg)) waiter.resolve();
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const waitFor = (msg: string) =>
    lines.some((line) => line.msg === msg)
      ? Promise.resolve()
      : new Promise<void>((resolve) => waiters.push({ msg, resolve }));
  return { child, lines, exited, waitFor, stderr: () => stderr };
}

describe('main', () => {
  it('--once runs the job once, logs a JSON summary and exits 0', async () => {
    const run = start(['--once']);

    assert.equal(await run.exited, 0, run.stderr());
    const finished = run.lines.find((line) => line.msg === 'job finished');
    assert.ok(finished, `no "job finished" line in ${JSON.stringify(run.lines)}`);
    assert.equal(finished.level, 'info');
    assert.equal(finished.name, '${{ values.name }}');
    assert.equal(finished.trigger, 'once');
    assert.match(finished.time, /^\d{4}-\d\d-\d\dT/);
    assert.partialDeepStrictEqual(finished.summary, { found: 2, expired: 2, failed: 0, aborted: false });
    assert.equal(run.stderr(), '');
  });

  it('exits with code 78 and names the variable when the configuration is wrong', async () => {
    const run = start(['--once'], { SCHEDULE: '99 * * * *' });

    assert.equal(await run.exited, 78);
    const fatal = run.lines.find((line) => line.level === 'fatal');
    assert.ok(fatal);
    assert.match(fatal.msg, /SCHEDULE/);
  });

  it('exits with code 64 on an unknown flag', async () => {
    const run = start(['--onse']);

    assert.equal(await run.exited, 64);
    assert.match(run.lines[0]?.msg ?? '', /Unknown option '--onse'.*Usage/);
  });

  it('runs on a schedule and shuts down cleanly on SIGTERM', async () => {
    const run = start([], { SCHEDULE: '0 0 1 1 *' });

    await run.waitFor('scheduler started');
    run.child.kill('SIGTERM');

    assert.equal(await run.exited, 0, run.stderr());
    const started = run.lines.find((line) => line.msg === 'scheduler started');
    assert.equal(started?.schedule, '0 0 1 1 *');
    assert.ok(run.lines.some((line) => line.msg === 'scheduler stopped'));
  });
});
