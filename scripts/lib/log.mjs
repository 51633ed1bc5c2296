// Step logging for the entry-point scripts: every step says what it does and
// how long it took, so a newcomer watching `npm start` knows where it is.
const t0 = Date.now();

const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;

export function step(message) {
  console.log(`\n▶ ${message}  [${elapsed()}]`);
}

export function info(message) {
  console.log(`  ${message}`);
}

export function warn(message) {
  console.log(`\n!!! ${message}\n`);
}

export function fail(message) {
  console.error(`\n✖ ${message}`);
  process.exit(1);
}
