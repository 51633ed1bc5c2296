// @ts-check
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is packages/harness/src/paths.mjs). */
export const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../..',
);

/**
 * Backstage's SWC transform for Node (`--require` it, or require() it in
 * this process), so that TypeScript sources run directly.
 * @param {string} [root] the repository whose node_modules has it
 */
export const nodeTransformPath = (root = repoRoot) =>
  path.join(root, 'node_modules/@backstage/cli-node/config/nodeTransform.cjs');
