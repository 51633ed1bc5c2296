/*
 * The repository's TypeScript packages (@internal/demo-data,
 * @internal/testing) for a benchmark, loaded by name through Backstage's SWC
 * transform, the way `npm start` runs the backend's sources. The benchmarks
 * take their data and their load runner from these packages, never from a
 * test folder.
 */
import { createRequire } from 'node:module';
import { nodeTransformPath } from '@internal/harness';

const require = createRequire(import.meta.url);

/** A workspace package (TypeScript sources) by its name. */
export function requireWorkspace(name) {
  require(nodeTransformPath());
  return require(name);
}
