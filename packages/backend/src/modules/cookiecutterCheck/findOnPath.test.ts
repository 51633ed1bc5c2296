import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findOnPath } from './findOnPath';

describe('findOnPath', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'find-on-path-'));
    fs.mkdirSync(path.join(dir, 'a'));
    fs.mkdirSync(path.join(dir, 'b'));
    fs.mkdirSync(path.join(dir, 'b', 'tool-dir'));
    fs.writeFileSync(path.join(dir, 'a', 'tool'), 'not executable', {
      mode: 0o644,
    });
    fs.writeFileSync(path.join(dir, 'b', 'tool'), '#!/bin/sh\n', {
      mode: 0o755,
    });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const pathOf = (...dirs: string[]) =>
    dirs.map(d => path.join(dir, d)).join(path.delimiter);

  it('finds the first executable file of that name', () => {
    expect(findOnPath('tool', pathOf('a', 'b'))).toBe(
      path.join(dir, 'b', 'tool'),
    );
  });

  it('passes over files that are not executable, and folders', () => {
    expect(findOnPath('tool', pathOf('a'))).toBeUndefined();
    expect(findOnPath('tool-dir', pathOf('b'))).toBeUndefined();
  });

  it('finds nothing on an empty or missing PATH', () => {
    expect(findOnPath('tool', '')).toBeUndefined();
    expect(findOnPath('tool', pathOf('missing'))).toBeUndefined();
  });
});
