/*
 * The lookup a shell's `command -v` makes (and the command-exists package
 * behind fetch:cookiecutter): the first executable file of that name in a
 * PATH directory.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The full path of `name` on `pathVariable`, or undefined. */
export function findOnPath(
  name: string,
  pathVariable: string = process.env.PATH ?? '',
): string | undefined {
  for (const dir of pathVariable.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      if (!fs.statSync(candidate).isFile()) continue;
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not there, or not executable
    }
  }
  return undefined;
}
