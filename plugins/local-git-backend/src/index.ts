/**
 * The local-git backend plugin (default export, `/api/local-git`): serves
 * the bare repositories publish:lodestar creates in the embedded default and
 * removes those of failed runs; and the URL reader through which the catalog
 * reads them from disk (`localGitUrlReaderFactory`, a service factory the
 * backend adds beside the plugin).
 *
 * @packageDocumentation
 */
export { localGitPlugin as default } from './plugin';
export { localGitUrlReaderFactory } from './urlReaderFactory';
