/*
 * `docker build` and `docker run` of a Dockerfile without Docker: there is
 * no Docker engine on the development and CI machines. The host build steps
 * run in a fresh checkout, then every instruction is carried out against a
 * folder that stands in for the image's file system, and CMD is started from
 * there as the image's user. An instruction this cannot carry out faithfully
 * fails loudly instead of being skipped.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '@internal/testing';
import {
  Dockerfile,
  expandCopySource,
  parseAssignments,
  parseCommand,
  readDockerignore,
} from './dockerfile';

export type Timings = Array<{ step: string; ms: number }>;

export async function timed<T>(
  timings: Timings,
  step: string,
  fn: () => Promise<T>,
): Promise<T> {
  const started = Date.now();
  try {
    return await fn();
  } finally {
    timings.push({ step, ms: Date.now() - started });
  }
}

function sh(
  command: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', command], { cwd, env });
    let output = '';
    child.stdout.on('data', d => (output += d));
    child.stderr.on('data', d => (output += d));
    child.on('error', reject);
    child.on('exit', code =>
      code === 0
        ? resolve(output)
        : reject(
            new Error(
              `\`${command}\` failed (exit ${code}) in ${cwd}:\n${output.slice(
                -6000,
              )}`,
            ),
          ),
    );
  });
}

/**
 * A scratch folder on the file system of the working copy, where the
 * checkout below can hard-link node_modules.
 */
export function makeWorkDir(): string {
  const sameDevice = fs.statSync(os.tmpdir()).dev === fs.statSync(repoRoot).dev;
  const base = sameDevice ? os.tmpdir() : path.join(repoRoot, '.toolchain/tmp');
  fs.mkdirSync(base, { recursive: true });
  const dir = fs.mkdtempSync(path.join(base, 'lodestar-dockerfile-'));
  fs.chmodSync(dir, 0o755); // the image's user must reach the image inside
  return dir;
}

/**
 * A checkout of the repository as CI would have it: tracked and new
 * (not ignored) files, with the installed dependencies hard-linked from the
 * working copy (so no download; build caches are left out because builds
 * rewrite them in place). Building here leaves the working copy's dist
 * folders alone, which the other tests serve the frontend from.
 */
export function prepareHostCheckout(dir: string): string {
  const files = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 },
  )
    .toString()
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    const source = path.join(repoRoot, file);
    const stat = fs.lstatSync(source, { throwIfNoEntry: false });
    if (!stat || stat.isDirectory()) continue; // deleted, or a submodule
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.cpSync(source, path.join(dir, file), { verbatimSymlinks: true });
  }
  const packageDirs = files
    .filter(f => path.basename(f) === 'package.json')
    .map(f => path.dirname(f));
  for (const pkg of packageDirs) {
    const modules = path.join(repoRoot, pkg, 'node_modules');
    if (fs.existsSync(modules)) {
      execFileSync('cp', ['-al', modules, path.join(dir, pkg, 'node_modules')]);
    }
  }
  fs.rmSync(path.join(dir, 'node_modules/.cache'), {
    recursive: true,
    force: true,
  });
  return dir;
}

/**
 * The `# yarn …` commands of the Dockerfile's header, in the checkout.
 * `yarn install` is the one exception: the checkout's dependencies are the
 * working copy's, installed by the toolchain bootstrap with `yarn install
 * --immutable`, and a test must not reinstall them.
 */
export async function runHostSteps(
  checkout: string,
  steps: string[],
  timings: Timings,
): Promise<void> {
  if (steps.length === 0) {
    throw new Error('the Dockerfile names no host build steps (`# yarn …`)');
  }
  const { NODE_ENV, ...hostEnv } = process.env;
  for (const step of steps) {
    if (/^yarn install\b/.test(step)) {
      if (!fs.existsSync(path.join(checkout, 'node_modules/.yarn-state.yml'))) {
        throw new Error(`\`${step}\`: the working copy is not installed`);
      }
      continue;
    }
    await timed(timings, `host: ${step}`, () => sh(step, checkout, hostEnv));
  }
}

export type Image = {
  /** The folder standing in for the image's `/`. */
  root: string;
  from: string;
  user: string;
  uid: number;
  gid: number;
  /** WORKDIR at the end, inside `root`. */
  workdir: string;
  env: Record<string, string>;
  cmd: string[];
  exposed: string[];
};

/** The image's Debian release, from a `node:<version>-<release>[-slim]` tag. */
export function debianReleaseOf(from: string): string | undefined {
  return /^node:[\d.]+-([a-z]+)(?:-slim)?$/.exec(from)?.[1];
}

function hostDebianRelease(): string | undefined {
  const osRelease = fs.readFileSync('/etc/os-release', 'utf8');
  return /^VERSION_CODENAME=(\w+)/m.exec(osRelease)?.[1];
}

/** apt-get cannot run here; the host must already have what it installs. */
function checkAptPackages(where: string, command: string, from: string) {
  const release = debianReleaseOf(from);
  if (!release || release !== hostDebianRelease()) {
    throw new Error(
      `${where}: the image (${from}) is not the host's Debian release (${hostDebianRelease()}), so the host cannot stand in for its packages`,
    );
  }
  const install = command
    .split('&&')
    .find(part => /\bapt-get\s+install\b/.test(part));
  const packages = (install ?? '')
    .replace(/^.*\bapt-get\s+install\b/, '')
    .trim()
    .split(/\s+/)
    .filter(token => token && !token.startsWith('-'));
  for (const pkg of packages) {
    let status = '';
    try {
      status = execFileSync('dpkg-query', ['-W', '-f=${Status}', pkg], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
    } catch {
      // dpkg-query exits non-zero for a package it does not know
    }
    if (!status.includes('install ok installed')) {
      throw new Error(`${where}: ${pkg} is not installed on the host`);
    }
  }
}

/** The Node images' users; `node` is uid 1000 in every official tag. */
const imageUsers: Record<string, { uid: number; gid: number; home: string }> = {
  root: { uid: 0, gid: 0, home: '/root' },
  node: { uid: 1000, gid: 1000, home: '/home/node' },
};

/** Copies a context path into the image, leaving out what .dockerignore does. */
function copyIntoImage(
  contextDir: string,
  relative: string,
  target: string,
  isExcluded: (p: string) => boolean,
) {
  const source = path.join(contextDir, relative);
  const stat = fs.statSync(source);
  if (!stat.isDirectory()) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(source, target);
    return;
  }
  fs.mkdirSync(target, { recursive: true });
  for (const entry of fs.readdirSync(source)) {
    const child = path.posix.join(relative, entry);
    if (!isExcluded(child)) {
      copyIntoImage(contextDir, child, path.join(target, entry), isExcluded);
    }
  }
}

export async function emulateImage(
  dockerfile: Dockerfile,
  contextDir: string,
  root: string,
  timings: Timings,
): Promise<Image> {
  const ignore = readDockerignore(contextDir);
  const image: Image = {
    root,
    from: '',
    user: 'root',
    uid: 0,
    gid: 0,
    workdir: '/',
    env: {},
    cmd: [],
    exposed: [],
  };
  const inImage = (p: string) =>
    path.join(root, path.posix.resolve(image.workdir, p));

  for (const { keyword, flags, args, line } of dockerfile.instructions) {
    const where = `Dockerfile line ${line}: ${keyword} ${args}`;
    switch (keyword) {
      case 'FROM':
        if (image.from)
          throw new Error(`${where}: multi-stage builds are not emulated`);
        image.from = args;
        break;
      case 'USER': {
        const known = imageUsers[args];
        if (!known) throw new Error(`${where}: unknown user of the Node image`);
        Object.assign(image, { user: args, uid: known.uid, gid: known.gid });
        fs.mkdirSync(path.join(root, known.home), { recursive: true });
        break;
      }
      case 'WORKDIR':
        image.workdir = path.posix.resolve(image.workdir, args);
        fs.mkdirSync(path.join(root, image.workdir), { recursive: true });
        break;
      case 'ENV':
      case 'ARG':
        Object.assign(image.env, parseAssignments(args));
        break;
      case 'EXPOSE':
        image.exposed.push(...args.split(/\s+/));
        break;
      case 'LABEL':
        break;
      case 'CMD':
        image.cmd = parseCommand(args);
        break;
      case 'COPY': {
        if (flags.from || flags.link || flags.parents) {
          throw new Error(
            `${where}: only COPY [--chown] from the context is emulated`,
          );
        }
        const parts: string[] = args.startsWith('[')
          ? JSON.parse(args)
          : args.split(/\s+/);
        const dest = parts.pop()!;
        // A glob leaves out what .dockerignore excludes; a named path that
        // is excluded or missing fails the build.
        const sources = parts.flatMap(s => {
          const matches = expandCopySource(contextDir, s);
          if (matches.length === 1 && matches[0] === path.posix.normalize(s)) {
            const named = matches[0];
            if (
              ignore.isExcluded(named) ||
              !fs.existsSync(path.join(contextDir, named))
            ) {
              throw new Error(`${where}: ${named} is not in the build context`);
            }
            return matches;
          }
          return matches.filter(m => !ignore.isExcluded(m));
        });
        const intoFolder = dest.endsWith('/') || sources.length > 1;
        await timed(timings, `image: COPY ${args}`, async () => {
          for (const source of sources) {
            const isDir = fs
              .statSync(path.join(contextDir, source))
              .isDirectory();
            const target =
              intoFolder && !isDir
                ? path.join(inImage(dest), path.posix.basename(source))
                : inImage(dest);
            copyIntoImage(contextDir, source, target, p =>
              ignore.isExcluded(p),
            );
          }
        });
        break;
      }
      case 'RUN': {
        if (/\bapt-get\b/.test(args)) {
          checkAptPackages(where, args, image.from);
          break;
        }
        for (const mount of flags.mount ?? []) {
          // The host's own Yarn cache stands in for a cache mount of Yarn's
          // global cache folder; any other mount would differ from Docker.
          const home = imageUsers[image.user].home;
          if (!mount.includes(`target=${home}/.yarn/berry/cache`)) {
            throw new Error(`${where}: cannot emulate --mount=${mount}`);
          }
        }
        if (/\byarn cache clean\b/.test(args)) {
          throw new Error(`${where}: would wipe the host's shared Yarn cache`);
        }
        if (/(^|[\s=;&|])\/[A-Za-z]/.test(args)) {
          throw new Error(
            `${where}: absolute paths would reach the host's file system`,
          );
        }
        const env = {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          // Node headers for node-gyp (the image would download them).
          npm_config_nodedir: process.env.npm_config_nodedir,
          ...image.env,
        };
        await timed(timings, `image: RUN ${args}`, () =>
          sh(args, path.join(root, image.workdir), env),
        );
        break;
      }
      default:
        throw new Error(`${where}: instruction not emulated`);
    }
  }
  if (!image.from) throw new Error('the Dockerfile has no FROM');
  if (image.cmd.length === 0) throw new Error('the Dockerfile has no CMD');
  if (process.getuid?.() === 0 && image.uid !== 0) {
    // COPY --chown and RUN as USER leave the image's files to its user.
    fs.chmodSync(root, 0o755);
    execFileSync('chown', ['-R', `${image.uid}:${image.gid}`, root]);
  }
  return image;
}

/**
 * `docker run` of the image's CMD: in its WORKDIR, with its ENV plus `env`,
 * nothing of the host's environment but PATH to this Node, and as its user
 * when the test runs as root (otherwise as the test's own non-root user).
 */
export function startContainer(
  image: Image,
  env: Record<string, string>,
): { child: ChildProcess; output: () => string } {
  const [command, ...args] = image.cmd;
  const asImageUser = process.getuid?.() === 0;
  const home = path.join(image.root, imageUsers[image.user].home);
  const child = spawn(command, args, {
    cwd: path.join(image.root, image.workdir),
    env: {
      PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`,
      HOME: home,
      ...image.env,
      ...env,
    },
    uid: asImageUser ? image.uid : undefined,
    gid: asImageUser ? image.gid : undefined,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', d => (output += d));
  child.stderr!.on('data', d => (output += d));
  return { child, output: () => output };
}
