/*
 * Runs a generated project's own checks (install, type-check, tests, build)
 * the way its CI would. Installs are cached under .toolchain/cache, keyed by
 * package.json + package-lock.json, so a second `npm test` only re-runs the
 * checks, never the downloads.
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@internal/testing';
import { RenderedFile } from './scaffolder';

const cacheRoot = path.join(repoRoot, '.toolchain/cache/generated-projects');

function sh(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string | undefined> = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      {
        cwd,
        env: { ...process.env, CI: 'true', NODE_ENV: 'test', ...env },
        maxBuffer: 32 * 1024 * 1024,
        timeout: 15 * 60_000,
      },
      (error, stdout, stderr) => {
        const output = `${stdout}${stderr}`;
        if (error) {
          reject(
            new Error(
              `${command} ${args.join(' ')} failed in ${cwd}:\n${output.slice(
                -6000,
              )}`,
            ),
          );
        } else resolve(output);
      },
    );
  });
}

/**
 * Writes the files into a project folder that keeps its node_modules between
 * runs (everything else is replaced) and installs when the manifests changed.
 */
export async function prepareProject(
  label: string,
  files: RenderedFile[],
): Promise<string> {
  const manifest = (name: string) =>
    files.find(f => f.path === name)?.content ?? '';
  const key = crypto
    .createHash('sha256')
    .update(manifest('package.json'))
    .update('\0')
    .update(manifest('package-lock.json'))
    .digest('hex')
    .slice(0, 16);
  const dir = path.join(cacheRoot, `${label}-${key}`);
  fs.mkdirSync(dir, { recursive: true });
  for (const entry of fs.readdirSync(dir)) {
    if (entry !== 'node_modules' && entry !== '.installed') {
      fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
    }
  }
  for (const file of files) {
    const target = path.join(dir, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.content);
  }
  if (!fs.existsSync(path.join(dir, '.installed'))) {
    const hasLock = files.some(f => f.path === 'package-lock.json');
    await sh(
      'npm',
      [hasLock ? 'ci' : 'install', '--no-audit', '--no-fund'],
      dir,
    );
    fs.writeFileSync(path.join(dir, '.installed'), new Date().toISOString());
  }
  return dir;
}

/** `npm run <script>` in the project; rejects with its output on failure. */
export function npmRun(
  dir: string,
  script: string,
  env?: Record<string, string | undefined>,
): Promise<string> {
  return sh('npm', ['run', script], dir, env);
}
