// Step logging for the entry-point scripts: every step says what it does and
// how long it took, so a newcomer watching `npm start` knows where it is.
const t0 = Date.now();

// `env` prints shell code on stdout, so its progress goes to stderr.
let out = console.log;
export function logToStderr() {
  out = console.error;
}

const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;

export function step(message) {
  out(`\n▶ ${message}  [${elapsed()}]`);
}

export function info(message) {
  out(`  ${message}`);
}

export function warn(message) {
  out(`\n!!! ${message}\n`);
}

export function fail(message) {
  console.error(`\n✖ ${message}`);
  process.exit(1);
}
