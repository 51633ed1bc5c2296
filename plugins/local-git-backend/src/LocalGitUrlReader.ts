/*
 * Lets the catalog (and fetch actions) read local repositories straight from
 * disk, by the same URLs the local-git plugin serves. Reading over HTTP would
 * need those routes open to the backend's own unauthenticated fetches and an
 * extra hop on every catalog refresh.
 */
import { Readable } from 'node:stream';
import {
  UrlReaderService,
  UrlReaderServiceReadTreeOptions,
  UrlReaderServiceReadTreeResponse,
  UrlReaderServiceReadUrlOptions,
  UrlReaderServiceReadUrlResponse,
  UrlReaderServiceSearchResponse,
} from '@backstage/backend-plugin-api';
import { ReadTreeResponseFactory } from '@backstage/backend-defaults/urlReader';
import { NotFoundError, NotModifiedError } from '@backstage/errors';
import {
  blobUrl,
  LocalGitStore,
  parseRepoPath,
  RepoUrl,
} from '@internal/plugin-local-git-node';

export class LocalGitUrlReader implements UrlReaderService {
  constructor(
    private readonly store: LocalGitStore,
    /** `<local-git base URL>/repos/` */
    private readonly reposPrefix: string,
    private readonly treeResponseFactory: ReadTreeResponseFactory,
  ) {}

  handles(url: URL): boolean {
    return url.toString().startsWith(this.reposPrefix);
  }

  async readUrl(
    url: string,
    options?: UrlReaderServiceReadUrlOptions,
  ): Promise<UrlReaderServiceReadUrlResponse> {
    const target = this.parse(url, 'blob');
    const commit = await this.store.resolve(target.name, target.ref);
    if (options?.etag === commit) throw new NotModifiedError();
    const data = await this.store.readFile(target.name, commit, target.path);
    return {
      buffer: async () => data,
      stream: () => Readable.from(data),
      etag: commit,
    };
  }

  async readTree(
    url: string,
    options?: UrlReaderServiceReadTreeOptions,
  ): Promise<UrlReaderServiceReadTreeResponse> {
    const target = this.parse(url, 'tree');
    const commit = await this.store.resolve(target.name, target.ref);
    if (options?.etag === commit) throw new NotModifiedError();
    const dir = target.path.replace(/\/+$/, '');
    const files = await this.store.listFiles(target.name, commit, dir);
    const entries = [];
    for (const file of files) {
      const relative = dir ? file.slice(dir.length + 1) : file;
      if (options?.filter && !options.filter(relative)) continue;
      const data = await this.store.readFile(target.name, commit, file);
      entries.push({ data: Readable.from(data), path: relative });
    }
    return this.treeResponseFactory.fromReadableArray(entries);
  }

  /** Globs are not supported: a URL names exactly one file. */
  async search(url: string): Promise<UrlReaderServiceSearchResponse> {
    const target = this.parse(url, 'blob');
    const commit = await this.store.resolve(target.name, target.ref);
    const files = await this.store.listFiles(target.name, commit, target.path);
    return {
      etag: commit,
      files: files
        .filter(f => f === target.path)
        .map(f => ({
          url: blobUrl(
            this.reposPrefix.replace(/\/repos\/$/, ''),
            target.name,
            target.ref,
            f,
          ),
          content: () => this.store.readFile(target.name, commit, f),
        })),
    };
  }

  toString() {
    return `local-git{prefix=${this.reposPrefix}}`;
  }

  private parse(url: string, kind: RepoUrl['kind']): RepoUrl {
    const target = parseRepoPath(url.slice(this.reposPrefix.length));
    // The catalog reads relative references ($text: ./openapi.yaml) of a
    // blob URL as blob URLs, and a tree URL may name a single file.
    if (!target || (kind === 'tree' && target.kind !== 'tree')) {
      throw new NotFoundError(
        `not a ${kind} URL of a local repository: ${url}`,
      );
    }
    return target;
  }
}
