/*
 * The command line of a benchmark script: `--name value` options and bare
 * `--flag`s, read the same way by every script in bench/.
 */
const argv = process.argv.slice(2);

/** The value after `--<name>`, or `fallback` when it is not given. */
export const option = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};

/** Whether the bare `--<name>` is given. */
export const flag = name => argv.includes(`--${name}`);
