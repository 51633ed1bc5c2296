/*
 * Reads a Dockerfile and a .dockerignore the way `docker build` does, closely
 * enough to emulate the build without Docker (see dockerBuild.ts): the
 * instructions, the host build steps the header asks for, and which files of
 * the build context an image may receive.
 */
import fs from 'node:fs';
import path from 'node:path';

export type Instruction = {
  /** Upper-case keyword: FROM, RUN, COPY, … */
  keyword: string;
  /** `--name=value` flags before the arguments (RUN --mount, COPY --chown). */
  flags: Record<string, string[]>;
  /** The rest of the instruction, continuation lines joined. */
  args: string;
  /** 1-based line number where the instruction starts. */
  line: number;
};

export type Dockerfile = {
  instructions: Instruction[];
  /**
   * Commands the header comment says to run on the host before building,
   * one per `# yarn …` line above the first instruction.
   */
  hostSteps: string[];
};

function splitFlags(rest: string): {
  flags: Instruction['flags'];
  args: string;
} {
  const flags: Instruction['flags'] = {};
  let args = rest.trimStart();
  for (;;) {
    const match = /^--([a-z-]+)(?:=(\S+))?\s+/.exec(args);
    if (!match) break;
    (flags[match[1]] ??= []).push(match[2] ?? '');
    args = args.slice(match[0].length);
  }
  return { flags, args: args.trim() };
}

export function parseDockerfile(text: string): Dockerfile {
  const lines = text.split('\n');
  const instructions: Instruction[] = [];
  const hostSteps: string[] = [];
  let pending: { text: string; line: number } | undefined;

  lines.forEach((raw, index) => {
    const line = raw.trimEnd();
    if (/^\s*#/.test(line)) {
      const step = /^#\s+(yarn\s.+)$/.exec(line.trim());
      if (step && instructions.length === 0 && !pending) {
        hostSteps.push(step[1].trim());
      }
      return; // comments may sit inside a continued instruction, too
    }
    if (!pending && line.trim() === '') return;
    const continued = line.endsWith('\\');
    const part = continued ? line.slice(0, -1) : line;
    pending = pending
      ? { ...pending, text: `${pending.text} ${part.trim()}` }
      : { text: part.trim(), line: index + 1 };
    if (!continued) {
      const [, keyword, rest] = /^(\S+)\s*(.*)$/.exec(pending.text)!;
      instructions.push({
        keyword: keyword.toUpperCase(),
        ...splitFlags(rest),
        line: pending.line,
      });
      pending = undefined;
    }
  });
  if (pending) throw new Error(`line ${pending.line}: unfinished instruction`);
  return { instructions, hostSteps };
}

/** `["node", "x"]` or shell form `node x` (as `sh -c`). */
export function parseCommand(args: string): string[] {
  if (args.startsWith('[')) return JSON.parse(args);
  return ['/bin/sh', '-c', args];
}

/** ENV/ARG arguments: `A=1 B="two words"` or the legacy `A value`. */
export function parseAssignments(args: string): Record<string, string> {
  const out: Record<string, string> = {};
  const pairs = args.match(/[A-Za-z_][A-Za-z0-9_]*=("[^"]*"|'[^']*'|\S*)/g);
  if (!pairs) {
    const [name, ...value] = args.split(/\s+/);
    out[name] = value.join(' ');
    return out;
  }
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    out[pair.slice(0, eq)] = pair.slice(eq + 1).replace(/^(["'])(.*)\1$/, '$2');
  }
  return out;
}

function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      // `**/` matches zero or more directories, a trailing `**` everything.
      source += pattern[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += pattern[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/**
 * The build context's .dockerignore: a path is left out when the last
 * pattern matching it, or one of its parent folders, is not a `!` exception.
 */
export function readDockerignore(contextDir: string) {
  const file = path.join(contextDir, '.dockerignore');
  const rules = (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '')
    .split('\n')
    .map(l => l.trim())
    .filter(l => l && !l.startsWith('#'))
    .map(l => {
      const negated = l.startsWith('!');
      const pattern = path.posix.normalize(
        (negated ? l.slice(1) : l).replace(/^\/+/, ''),
      );
      return { negated, regexp: globToRegExp(pattern) };
    });
  return {
    patterns: rules.length,
    isExcluded(relativePath: string): boolean {
      const parts = relativePath.split('/');
      let excluded = false;
      for (const rule of rules) {
        for (let n = 1; n <= parts.length; n++) {
          if (rule.regexp.test(parts.slice(0, n).join('/'))) {
            excluded = !rule.negated;
            break;
          }
        }
      }
      return excluded;
    },
  };
}

/** Context entries a COPY source names: a path, or a glob in its last part. */
export function expandCopySource(contextDir: string, source: string): string[] {
  const clean = path.posix.normalize(source.replace(/^\/+/, ''));
  if (!/[*?[]/.test(clean)) return [clean];
  const dir = path.posix.dirname(clean);
  if (/[*?[]/.test(dir)) {
    throw new Error(`COPY ${source}: globs in folder names are not emulated`);
  }
  const matcher = globToRegExp(path.posix.basename(clean));
  return fs
    .readdirSync(path.join(contextDir, dir))
    .filter(name => matcher.test(name))
    .sort()
    .map(name => path.posix.join(dir, name));
}
