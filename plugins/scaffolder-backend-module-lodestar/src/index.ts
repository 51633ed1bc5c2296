/**
 * Lodestar's publishing for golden paths: the scaffolder module with
 * `publish:lodestar` and `publish:lodestar:target` (default export), the
 * wrapper that gives the stock GitHub and GitLab publish actions clearer
 * failures, and the publish configuration the backend's preflight checks.
 * The local repositories themselves are `@internal/plugin-local-git-node`
 * (and the plugin serving them `@internal/plugin-local-git-backend`).
 *
 * @packageDocumentation
 */
export { scaffolderModuleLodestar as default } from './module';
export { readPublishConfig } from './publishConfig';
export type { PublishConfig } from './publishConfig';
export { withForgeMessages } from './stockPublish/withForgeMessages';
