// A malformed config file is reported as one line with file, line and cause,
// before anything starts. The backend's preflight checks the same when it
// starts, but `npm start` builds the frontend first, and that build reads the
// config too and would fail with a long CLI error.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fail } from './log.mjs';
import { repoRoot } from './toolchain.mjs';

export function checkConfigFiles(files) {
  const require = createRequire(path.join(repoRoot, 'package.json'));
  const yaml = require('yaml');
  for (const file of files) {
    const full = path.join(repoRoot, file);
    if (!fs.existsSync(full)) fail(`${file} is missing.`);
    const doc = yaml.parseDocument(fs.readFileSync(full, 'utf8'), {
      prettyErrors: false,
    });
    const error = doc.errors[0];
    if (error) {
      const line = error.linePos?.[0]?.line;
      const where = line ? `${file}, line ${line}` : file;
      fail(`${where}: malformed YAML — ${error.message.split('\n')[0]}`);
    }
    if (doc.contents !== null && typeof doc.toJS() !== 'object') {
      fail(`${file}: the top level must be a mapping of keys, not a value.`);
    }
  }
}
