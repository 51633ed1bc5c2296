/**
 * Lodestar's publishing for golden paths: the `publish:lodestar` scaffolder
 * action (default export), the local-git plugin that serves the repositories
 * it creates in the embedded default, and the URL reader that lets the
 * catalog read them.
 *
 * @packageDocumentation
 */
export { scaffolderModuleLodestar as default } from './module';
export { localGitPlugin } from './localGit/plugin';
export { localGitUrlReaderFactory } from './localGit/urlReaderFactory';
export { LocalGitStore } from './localGit/LocalGitStore';
export { readPublishConfig } from './publishConfig';
export type { PublishConfig } from './publishConfig';
export { withForgeMessages } from './stockPublish/withForgeMessages';
