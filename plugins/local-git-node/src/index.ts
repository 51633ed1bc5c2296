/**
 * The local git repositories of the embedded default, for the local-git
 * plugin that serves them and for publish:lodestar that creates them: the
 * store (bare repositories in one directory, through the git command line),
 * their URLs, the sweep of repositories whose template run failed, and where
 * they live (`lodestar.publish.local.directory`).
 *
 * @packageDocumentation
 */
export { LocalGitStore, DEFAULT_BRANCH } from './LocalGitStore';
export type { GitPerson, PublishRequest } from './LocalGitStore';
export { blobUrl, cloneUrl, parseRepoPath, treeUrl } from './urls';
export type { RepoUrl } from './urls';
export { scaffolderTaskStatus, sweepOrphans } from './orphanSweeper';
export type { TaskStatusLookup } from './orphanSweeper';
export { readLocalGitConfig } from './config';
export type { LocalGitConfig } from './config';
