// Cheap change detection so the second `npm start` skips install and build:
// a hash over the paths, sizes and modification times of the inputs.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const SKIP = new Set([
  'node_modules',
  'dist',
  'dist-types',
  '.git',
  'coverage',
]);
// Tests do not go into the bundle, so editing one must not trigger a rebuild.
const TEST_FILE = /\.test\.[cm]?[jt]sx?$/;

function walk(dir, out) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile() && !TEST_FILE.test(entry.name)) out.push(full);
  }
}

/** Hash of every file under `inputs` (files or directories), by stat. */
export function fingerprint(root, inputs) {
  const files = [];
  for (const input of inputs) {
    const full = path.join(root, input);
    if (!fs.existsSync(full)) continue;
    if (fs.statSync(full).isDirectory()) walk(full, files);
    else files.push(full);
  }
  files.sort();
  const hash = crypto.createHash('sha256');
  for (const file of files) {
    const st = fs.statSync(file);
    hash.update(`${path.relative(root, file)}:${st.size}:${st.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

export function readStamp(file) {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
}

export function writeStamp(file, value) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${value}\n`);
}
