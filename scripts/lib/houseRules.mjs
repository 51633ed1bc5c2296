// The shape of the house, checked on every `npm test`: packages depend only
// downward (common libraries, then the shared libraries, then plugins, then
// the app and backend, then the test workspaces), no code reaches into
// another package by a relative path, every @internal import is declared,
// and the Markdown names no file that does not exist.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Lower layers are depended on by higher ones, never the other way. */
const LAYER_BY_ROLE = {
  'common-library': 0,
  'node-library': 1,
  'web-library': 1,
  'backend-plugin-module': 2,
  'backend-plugin': 2,
  'frontend-plugin-module': 2,
  'frontend-plugin': 2,
  frontend: 3,
  backend: 4,
};
/**
 * What starts processes sits above what it starts: the harness (the backend,
 * the demo OpenID provider), then the test helpers built on it; the test
 * workspaces on top.
 */
const HARNESS = 5;
const TESTING_LIBRARY = 6;
const TEST_LAYER = 7;
const TEST_PACKAGES = new Set(['e2e', 'system-tests']);

/** Paths the docs name that a build or a run creates. */
const GENERATED = [
  /^e2e\/screenshots\/?$/,
  /^bench\/results\/?$/,
  /\/dist\//,
  /\/dist\/?$/,
];

function gitFiles(repoRoot, ...patterns) {
  return execFileSync('git', ['ls-files', '--', ...patterns], {
    cwd: repoRoot,
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean);
}

/** The workspaces: name, folder, layer and @internal dependencies. */
export function readWorkspaces(repoRoot) {
  const root = JSON.parse(
    fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'),
  );
  const dirs = root.workspaces.flatMap(pattern =>
    pattern.endsWith('/*')
      ? fs
          .readdirSync(path.join(repoRoot, pattern.slice(0, -2)), {
            withFileTypes: true,
          })
          .filter(d => d.isDirectory())
          .map(d => path.join(pattern.slice(0, -2), d.name))
      : [pattern],
  );
  return dirs
    .filter(dir => fs.existsSync(path.join(repoRoot, dir, 'package.json')))
    .map(dir => {
      const pkg = JSON.parse(
        fs.readFileSync(path.join(repoRoot, dir, 'package.json'), 'utf8'),
      );
      const internal = deps =>
        Object.keys(deps ?? {}).filter(
          d => d.startsWith('@internal/') || d === 'app' || d === 'backend',
        );
      return {
        name: pkg.name,
        dir,
        layer: layerOf(pkg),
        dependencies: internal(pkg.dependencies),
        devDependencies: internal(pkg.devDependencies),
      };
    });
}

function layerOf(pkg) {
  if (TEST_PACKAGES.has(pkg.name)) return TEST_LAYER;
  if (pkg.name === '@internal/harness') return HARNESS;
  if (pkg.name === '@internal/testing') return TESTING_LIBRARY;
  return LAYER_BY_ROLE[pkg.backstage?.role] ?? TEST_LAYER;
}

/** Runtime dependencies point to a lower layer; none is undeclared. */
export function layeringProblems(workspaces) {
  const byName = new Map(workspaces.map(w => [w.name, w]));
  const problems = [];
  for (const w of workspaces) {
    for (const dep of w.dependencies) {
      const target = byName.get(dep);
      if (target && target.layer >= w.layer) {
        problems.push(
          `${w.name} (${w.dir}) depends on ${dep}, which is not below it`,
        );
      }
    }
  }
  return problems;
}

const IMPORT =
  /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;

/** Relative imports that leave their package; @internal imports not declared. */
export function importProblems(repoRoot, workspaces) {
  const problems = [];
  const owner = file =>
    workspaces
      .filter(w => file.startsWith(`${w.dir}/`))
      .sort((a, b) => b.dir.length - a.dir.length)[0];
  const sources = gitFiles(
    repoRoot,
    '*.ts',
    '*.tsx',
    '*.mjs',
    '*.js',
    '*.cjs',
  ).filter(f => !f.startsWith('templates/') && !f.includes('__fixtures__'));
  for (const file of sources) {
    const text = fs.readFileSync(path.join(repoRoot, file), 'utf8');
    const from = owner(file);
    for (const [, spec] of text.matchAll(IMPORT)) {
      if (spec.startsWith('.')) {
        const target = path.normalize(path.join(path.dirname(file), spec));
        const to = owner(target);
        if (from !== to) {
          problems.push(
            `${file} imports ${spec}, inside ${
              to?.dir ?? 'the repository root'
            }: import it by package name`,
          );
        }
        continue;
      }
      const name = spec.startsWith('@')
        ? spec.split('/').slice(0, 2).join('/')
        : spec.split('/')[0];
      if (!name.startsWith('@internal/') || !from || name === from.name) {
        continue;
      }
      if (
        !from.dependencies.includes(name) &&
        !from.devDependencies.includes(name)
      ) {
        problems.push(
          `${file} imports ${name}, which ${from.dir}/package.json does not declare`,
        );
      }
    }
  }
  return problems;
}

const TOP_FOLDERS = new Set([
  'plugins',
  'packages',
  'bench',
  'scripts',
  'docs',
  'e2e',
  'templates',
  'catalog',
  'system-tests',
  '.ci',
]);

/** Links and `top/level/paths` in Markdown that name nothing. */
export function docsProblems(repoRoot) {
  const problems = [];
  for (const file of gitFiles(repoRoot, '*.md')) {
    if (file.includes('/skeleton/') || file.includes('__fixtures__')) continue;
    const text = fs.readFileSync(path.join(repoRoot, file), 'utf8');
    const dir = path.dirname(file);
    const named = new Set();
    for (const [, target] of text.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)) {
      if (!/^[a-z][a-z+.-]*:/i.test(target)) {
        named.add(path.normalize(path.join(dir, target)));
      }
    }
    for (const [, target] of text.matchAll(/`([\w.-]+\/[\w./-]*)`/g)) {
      if (TOP_FOLDERS.has(target.split('/')[0])) named.add(target);
    }
    for (const target of named) {
      if (/[*<>]/.test(target) || GENERATED.some(g => g.test(target))) {
        continue;
      }
      if (!fs.existsSync(path.join(repoRoot, target.replace(/:\d+$/, '')))) {
        problems.push(`${file} names ${target}, which does not exist`);
      }
    }
  }
  return problems;
}

export function houseRuleProblems(repoRoot) {
  const workspaces = readWorkspaces(repoRoot);
  return [
    ...layeringProblems(workspaces),
    ...importProblems(repoRoot, workspaces),
    ...docsProblems(repoRoot),
  ];
}

// `node scripts/lib/houseRules.mjs`: one line per problem, exit 1 if any.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const repoRoot = path.resolve(
    path.dirname(fileURLToPath(import.meta.url)),
    '../..',
  );
  const problems = houseRuleProblems(repoRoot);
  for (const problem of problems) console.error(`  ✖ ${problem}`);
  console.log(
    problems.length
      ? `${problems.length} house rule(s) broken`
      : 'Packages depend only downward, imports stay in their package, the docs name only files that exist',
  );
  process.exit(problems.length ? 1 : 0);
}
