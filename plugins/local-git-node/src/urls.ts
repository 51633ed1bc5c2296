/*
 * The URLs of a local repository, all under the local-git plugin:
 *   <base>/repos/<name>.git                 clone URL (git's "dumb" HTTP protocol)
 *   <base>/repos/<name>/tree/<ref>/<dir>    file list (repoContentsUrl)
 *   <base>/repos/<name>/blob/<ref>/<path>   raw file (what the catalog reads)
 */
export type RepoUrl = {
  name: string;
  kind: 'blob' | 'tree';
  ref: string;
  path: string;
};

export function cloneUrl(base: string, name: string): string {
  return `${base}/repos/${name}.git`;
}

export function treeUrl(base: string, name: string, ref: string): string {
  return `${base}/repos/${name}/tree/${ref}/`;
}

export function blobUrl(
  base: string,
  name: string,
  ref: string,
  filePath: string,
): string {
  return `${base}/repos/${name}/blob/${ref}/${filePath.replace(/^\/+/, '')}`;
}

/** Parses the part of a URL after `<base>/repos/`. */
export function parseRepoPath(rest: string): RepoUrl | undefined {
  const match = /^([a-z0-9-]+)\/(blob|tree)\/([^/]+)\/?(.*)$/.exec(rest);
  if (!match) return undefined;
  const [, name, kind, ref, filePath] = match;
  return {
    name,
    kind: kind as 'blob' | 'tree',
    ref: decodeURIComponent(ref),
    path: decodeURIComponent(filePath),
  };
}
