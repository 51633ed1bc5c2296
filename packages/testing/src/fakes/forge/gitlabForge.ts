/*
 * A local GitLab (self-managed style) forge for publishing tests: the REST
 * v4 endpoints that @backstage/plugin-scaffolder-backend-module-gitlab's
 * publish:gitlab and publish:gitlab:merge-request call (through gitbeaker;
 * read from the module's dist code), those Lodestar's own GitLab publisher
 * calls, and the raw-file endpoint the catalog's GitlabUrlReader reads,
 * over real bare repositories served by git http-backend at
 * /<group path>/<project>.git. Creating a project creates the bare
 * repository its http_url_to_repo points at.
 *
 *   GET    /namespaces/:id                    group by id or full path
 *   GET    /user                              the token's user
 *   GET    /groups/:id/projects, /users/:id/projects   (search=)
 *   POST   /projects                          create (400 "has already been taken")
 *   GET    /projects/:id, DELETE /projects/:id (202)
 *   GET    /projects/:id/repository/tree      ref, recursive, path
 *   GET    /projects/:id/repository/branches/:branch, POST …/branches
 *   POST   /projects/:id/repository/commits   actions create/update/delete
 *   GET    /projects/:id/repository/files/:path(/raw)?ref=
 *   GET    /projects/:id/merge_requests, POST /projects/:id/merge_requests
 *
 * Every call wants `PRIVATE-TOKEN: <token>` or `Authorization: Bearer
 * <token>` (401 otherwise). Shapes: fixtures/gitlab.ts.
 */
import crypto from 'node:crypto';
import { NextFunction, Request, Response, Router } from 'express';
import { HttpFake, startHttpFake } from '../httpFake';
import { BareRepos, gitMissing } from './bareRepos';
import { gitHttpRouter } from './gitHttpBackend';
import {
  branchJson,
  commitJson,
  GitlabGroup,
  gitlabErrors,
  GitlabMergeRequestState,
  GitlabProjectState,
  GitlabUser,
  mergeRequestJson,
  namespaceJson,
  projectJson,
  userJson,
} from './fixtures/gitlab';

export type {
  GitlabProjectState,
  GitlabMergeRequestState,
} from './fixtures/gitlab';

export type GitlabForgeOptions = {
  token: string;
  /** Group full paths that exist; parents are created too. Default ['tidewater']. */
  groups?: string[];
  port?: number;
  repos?: BareRepos;
};

export type GitlabForge = HttpFake & {
  /** host:port — integrations.gitlab[].host */
  host: string;
  /** http://host:port — integrations.gitlab[].baseUrl */
  baseUrl: string;
  /** http://host:port/api/v4 — integrations.gitlab[].apiBaseUrl */
  apiBaseUrl: string;
  user: GitlabUser;
  repos: BareRepos;
  projects: Map<number, GitlabProjectState>;
  mergeRequests: GitlabMergeRequestState[];
  project(pathWithNamespace: string): GitlabProjectState | undefined;
  seedProject(
    groupPath: string,
    name: string,
    files: Record<string, string>,
    branch?: string,
  ): Promise<GitlabProjectState>;
  cleanup(): Promise<void>;
};

export async function startGitlabForge(
  options: GitlabForgeOptions,
): Promise<GitlabForge> {
  const missing = gitMissing();
  if (missing) throw new Error(`The local forge needs git: ${missing}`);
  const repos = options.repos ?? new BareRepos();
  let nextId = 100;
  const user: GitlabUser = {
    id: 1,
    username: 'lodestar-bot',
    name: 'Lodestar Bot',
    email: 'lodestar-bot@forge.invalid',
  };
  const groups = new Map<string, GitlabGroup>();
  for (const fullPath of options.groups ?? ['tidewater']) {
    const parts = fullPath.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const p = parts.slice(0, i).join('/');
      if (groups.has(p)) continue;
      const parent =
        i > 1 ? groups.get(parts.slice(0, i - 1).join('/'))! : null;
      groups.set(p, {
        id: nextId++,
        name: parts[i - 1],
        path: parts[i - 1],
        fullPath: p,
        parentId: parent?.id ?? null,
      });
    }
  }
  const projects = new Map<number, GitlabProjectState>();
  const mergeRequests: GitlabMergeRequestState[] = [];
  let web = '';

  const fullPathOf = (p: GitlabProjectState) =>
    `${p.namespace.fullPath}/${p.path}`;
  const findProject = (idOrPath: string) => {
    if (/^\d+$/.test(idOrPath)) return projects.get(Number(idOrPath));
    return [...projects.values()].find(p => fullPathOf(p) === idOrPath);
  };
  const findGroup = (idOrPath: string) =>
    /^\d+$/.test(idOrPath)
      ? [...groups.values()].find(g => g.id === Number(idOrPath))
      : groups.get(idOrPath);

  async function toJson(project: GitlabProjectState) {
    const name = fullPathOf(project);
    const empty = await repos.isEmpty(name);
    return projectJson(project, web, {
      defaultBranch: empty ? null : await repos.defaultBranch(name),
      empty,
    });
  }

  const router = Router();
  const api = Router();
  router.use('/api/v4', requireToken, api);
  router.use(gitHttpRouter({ repos, acceptsToken: t => t === options.token }));

  function requireToken(req: Request, res: Response, next: NextFunction) {
    const bearer = /^bearer\s+(.+)$/i.exec(
      req.headers.authorization ?? '',
    )?.[1];
    const token =
      (req.headers['private-token'] as string | undefined) ?? bearer;
    if (token !== options.token) {
      res.status(401).json(gitlabErrors.unauthorized);
      return;
    }
    next();
  }
  const wrap =
    (fn: (req: Request, res: Response) => Promise<void> | void) =>
    (req: Request, res: Response, next: NextFunction) => {
      Promise.resolve(fn(req, res)).catch(next);
    };
  const projectOr404 = (req: Request, res: Response) => {
    const project = findProject(req.params.id);
    if (!project) res.status(404).json(gitlabErrors.notFound('Project'));
    return project;
  };
  const param = (req: Request, key: string) =>
    (req.body ?? {})[key] ?? req.query[key];

  api.get('/namespaces/:id', (req, res) => {
    const group = findGroup(req.params.id);
    if (!group) {
      res.status(404).json(gitlabErrors.notFound('Namespace'));
      return;
    }
    res.json(namespaceJson(group, web));
  });
  api.get('/user', (_req, res) => {
    res.json(userJson(user, web));
  });
  api.get('/users', (req, res) => {
    res.json(req.query.username === user.username ? [userJson(user, web)] : []);
  });
  const listProjects = (owner: (req: Request) => string | undefined) =>
    wrap(async (req, res) => {
      const ownerPath = owner(req);
      if (ownerPath === undefined) {
        res.status(404).json(gitlabErrors.notFound('Group'));
        return;
      }
      const search = String(req.query.search ?? '');
      const list = [];
      for (const project of projects.values()) {
        if (project.namespace.fullPath !== ownerPath) continue;
        if (
          search &&
          !project.path.includes(search) &&
          !project.name.includes(search)
        ) {
          continue;
        }
        list.push(await toJson(project));
      }
      res.json(list);
    });
  api.get(
    '/groups/:id/projects',
    listProjects(req => findGroup(req.params.id)?.fullPath),
  );
  api.get(
    '/users/:id/projects',
    listProjects(req =>
      req.params.id === user.username || req.params.id === String(user.id)
        ? user.username
        : undefined,
    ),
  );

  api.post(
    '/projects',
    wrap(async (req, res) => {
      const body = (req.body ?? {}) as Record<string, any>;
      const name = String(body.name ?? body.path ?? '');
      const projectPath = String(body.path ?? name);
      if (!name || !/^[A-Za-z0-9_.-]+$/.test(projectPath)) {
        res
          .status(400)
          .json(gitlabErrors.badRequest('name or path is invalid'));
        return;
      }
      const namespace = body.namespace_id
        ? findGroup(String(body.namespace_id))
        : undefined;
      if (body.namespace_id && !namespace) {
        res.status(404).json(gitlabErrors.notFound('Namespace'));
        return;
      }
      const group = namespace ?? {
        id: user.id,
        name: user.username,
        path: user.username,
        fullPath: user.username,
        parentId: null,
      };
      const taken = [...projects.values()].some(
        p => p.namespace.fullPath === group.fullPath && p.path === projectPath,
      );
      if (taken) {
        res.status(400).json(gitlabErrors.projectTaken);
        return;
      }
      const project: GitlabProjectState = {
        id: nextId++,
        name,
        path: projectPath,
        namespace: group,
        description: body.description ?? null,
        visibility: body.visibility ?? 'private',
        topics: body.topics ?? [],
        createdAt: new Date().toISOString(),
        createdWith: body,
      };
      await repos.create(fullPathOf(project), 'main');
      projects.set(project.id, project);
      res.status(201).json(await toJson(project));
    }),
  );
  api.get(
    '/projects/:id',
    wrap(async (req, res) => {
      const project = projectOr404(req, res);
      if (project) res.json(await toJson(project));
    }),
  );
  api.delete('/projects/:id', (req, res) => {
    const project = projectOr404(req, res);
    if (!project) return;
    projects.delete(project.id);
    repos.remove(fullPathOf(project));
    res.status(202).json({ message: '202 Accepted' });
  });

  api.get(
    '/projects/:id/repository/tree',
    wrap(async (req, res) => {
      const project = projectOr404(req, res);
      if (!project) return;
      const name = fullPathOf(project);
      const ref = String(req.query.ref ?? (await repos.defaultBranch(name)));
      const commit = await repos.resolve(name, ref);
      if (!commit) {
        res.status(404).json(gitlabErrors.notFound('Tree'));
        return;
      }
      const recursive = String(req.query.recursive) === 'true';
      const sub = req.query.path
        ? String(req.query.path).replace(/\/$/, '')
        : '';
      const entries = (await repos.listTree(name, commit)).filter(e => {
        let rel: string | undefined = e.path;
        if (sub) {
          rel = e.path.startsWith(`${sub}/`)
            ? e.path.slice(sub.length + 1)
            : undefined;
        }
        if (rel === undefined) return false;
        return recursive || !rel.includes('/');
      });
      res.json(
        entries.map(e => ({
          id: e.sha,
          name: e.path.split('/').pop(),
          type: e.type,
          path: e.path,
          mode: e.mode,
        })),
      );
    }),
  );

  async function branchOf(project: GitlabProjectState, branch: string) {
    const name = fullPathOf(project);
    const sha = await repos.resolve(name, `refs/heads/${branch}`);
    if (!sha) return undefined;
    const info = await repos.commitInfo(name, sha);
    return branchJson(
      `${web}/${name}`,
      branch,
      info,
      (await repos.defaultBranch(name)) === branch,
    );
  }
  api.get(
    '/projects/:id/repository/branches/:branch',
    wrap(async (req, res) => {
      const project = projectOr404(req, res);
      if (!project) return;
      const branch = await branchOf(project, req.params.branch);
      if (!branch) {
        res.status(404).json(gitlabErrors.notFound('Branch'));
        return;
      }
      res.json(branch);
    }),
  );
  api.post(
    '/projects/:id/repository/branches',
    wrap(async (req, res) => {
      const project = projectOr404(req, res);
      if (!project) return;
      const name = fullPathOf(project);
      const branch = String(param(req, 'branch') ?? '');
      const ref = String(param(req, 'ref') ?? '');
      if (await repos.resolve(name, `refs/heads/${branch}`)) {
        res.status(400).json(gitlabErrors.branchExists);
        return;
      }
      const sha = await repos.resolve(name, ref);
      if (!branch || !sha) {
        res.status(400).json(gitlabErrors.badRequest('Invalid reference name'));
        return;
      }
      await repos.updateRef(name, `refs/heads/${branch}`, sha);
      res.status(201).json(await branchOf(project, branch));
    }),
  );

  api.post(
    '/projects/:id/repository/commits',
    wrap(async (req, res) => {
      const project = projectOr404(req, res);
      if (!project) return;
      const name = fullPathOf(project);
      const body = (req.body ?? {}) as Record<string, any>;
      const branch = String(body.branch ?? '');
      const startFrom = body.start_branch ?? body.start_sha ?? branch;
      const parent = await repos.resolve(name, String(startFrom));
      if (!branch || !body.commit_message) {
        res
          .status(400)
          .json(gitlabErrors.badRequest('branch, commit_message are missing'));
        return;
      }
      const existing = new Set(
        parent ? (await repos.listTree(name, parent)).map(e => e.path) : [],
      );
      const changes: Array<{ path: string; mode: string; sha: string | null }> =
        [];
      for (const action of body.actions ?? []) {
        const filePath = String(action.file_path);
        const mode = action.execute_filemode ? '100755' : '100644';
        if (action.action === 'create' && existing.has(filePath)) {
          res.status(400).json(gitlabErrors.fileExists);
          return;
        }
        if (
          (action.action === 'update' || action.action === 'delete') &&
          !existing.has(filePath)
        ) {
          res.status(400).json(gitlabErrors.fileMissing);
          return;
        }
        if (action.action === 'delete') {
          changes.push({ path: filePath, mode, sha: null });
          continue;
        }
        const content = Buffer.from(
          String(action.content ?? ''),
          action.encoding === 'base64' ? 'base64' : 'utf8',
        );
        changes.push({
          path: filePath,
          mode,
          sha: await repos.writeBlob(name, content),
        });
      }
      const tree = await repos.writeTree(name, parent, changes);
      const author = {
        name: body.author_name ?? user.name,
        email: body.author_email ?? user.email,
      };
      const sha = await repos.writeCommit(name, {
        tree,
        parents: parent ? [parent] : [],
        message: String(body.commit_message),
        author,
        committer: { name: user.name, email: user.email },
      });
      await repos.updateRef(name, `refs/heads/${branch}`, sha);
      await repos.adoptFirstBranch(name);
      res
        .status(201)
        .json(commitJson(`${web}/${name}`, await repos.commitInfo(name, sha)));
    }),
  );

  async function fileAt(req: Request, res: Response) {
    const project = projectOr404(req, res);
    if (!project) return undefined;
    const name = fullPathOf(project);
    const filePath = req.params.path;
    const ref = String(req.query.ref ?? (await repos.defaultBranch(name)));
    const file = await repos.fileAt(name, ref, filePath);
    if (!file) {
      res.status(404).json(gitlabErrors.notFound('File'));
      return undefined;
    }
    return { name, filePath, ref, ...file };
  }
  api.get(
    '/projects/:id/repository/files/:path/raw',
    wrap(async (req, res) => {
      const file = await fileAt(req, res);
      if (!file) return;
      res.setHeader('ETag', `"${file.sha}"`);
      if (req.headers['if-none-match'] === `"${file.sha}"`) {
        res.status(304).end();
        return;
      }
      res.type('text/plain').send(file.content);
    }),
  );
  api.get(
    '/projects/:id/repository/files/:path',
    wrap(async (req, res) => {
      const file = await fileAt(req, res);
      if (!file) return;
      res.json({
        file_name: file.filePath.split('/').pop(),
        file_path: file.filePath,
        size: file.content.length,
        encoding: 'base64',
        content: file.content.toString('base64'),
        content_sha256: crypto
          .createHash('sha256')
          .update(file.content)
          .digest('hex'),
        ref: file.ref,
        blob_id: file.sha,
        commit_id: file.commit,
        last_commit_id: file.commit,
        execute_filemode: file.mode === '100755',
      });
    }),
  );

  api.get(
    '/projects/:id/merge_requests',
    wrap(async (req, res) => {
      const project = projectOr404(req, res);
      if (!project) return;
      const json = await toJson(project);
      const source = req.query.source_branch;
      res.json(
        mergeRequests
          .filter(mr => mr.projectId === project.id)
          .filter(mr => !source || mr.sourceBranch === source)
          .map(mr => mergeRequestJson(mr, json, userJson(user, web))),
      );
    }),
  );
  api.post(
    '/projects/:id/merge_requests',
    wrap(async (req, res) => {
      const project = projectOr404(req, res);
      if (!project) return;
      const name = fullPathOf(project);
      const body = (req.body ?? {}) as Record<string, any>;
      const source = String(body.source_branch ?? '');
      const target = String(body.target_branch ?? '');
      const sha = await repos.resolve(name, `refs/heads/${source}`);
      if (
        !body.title ||
        !sha ||
        !(await repos.resolve(name, `refs/heads/${target}`))
      ) {
        res
          .status(400)
          .json(
            gitlabErrors.badRequest(
              'source_branch, target_branch or title is invalid',
            ),
          );
        return;
      }
      const open = mergeRequests.find(
        mr => mr.projectId === project.id && mr.sourceBranch === source,
      );
      if (open) {
        res.status(409).json(gitlabErrors.mergeRequestExists(open.iid));
        return;
      }
      const mr: GitlabMergeRequestState = {
        id: nextId++,
        iid: mergeRequests.filter(m => m.projectId === project.id).length + 1,
        projectId: project.id,
        title: String(body.title),
        description: body.description ?? null,
        sourceBranch: source,
        targetBranch: target,
        sha,
        removeSourceBranch: Boolean(body.remove_source_branch),
        labels: labelsOf(body.labels),
        createdAt: new Date().toISOString(),
      };
      mergeRequests.push(mr);
      res
        .status(201)
        .json(mergeRequestJson(mr, await toJson(project), userJson(user, web)));
    }),
  );

  router.use(
    (error: Error, _req: Request, res: Response, _next: NextFunction) => {
      res.status(500).json({ message: `local forge error: ${error.message}` });
    },
  );

  const fake = await startHttpFake([router], { port: options.port });
  web = fake.url;
  return {
    ...fake,
    host: `127.0.0.1:${fake.port}`,
    baseUrl: fake.url,
    apiBaseUrl: `${fake.url}/api/v4`,
    user,
    repos,
    projects,
    mergeRequests,
    project: (pathWithNamespace: string) => findProject(pathWithNamespace),
    async seedProject(groupPath, name, files, branch = 'main') {
      const group = groups.get(groupPath);
      if (!group) throw new Error(`no group ${groupPath} on the forge`);
      const project: GitlabProjectState = {
        id: nextId++,
        name,
        path: name,
        namespace: group,
        description: null,
        visibility: 'private',
        topics: [],
        createdAt: new Date().toISOString(),
        createdWith: {},
      };
      await repos.create(fullPathOf(project), branch);
      projects.set(project.id, project);
      await repos.commitFiles(
        fullPathOf(project),
        branch,
        files,
        'Initial commit',
        {
          name: 'Forge Seed',
          email: 'seed@forge.invalid',
        },
      );
      return project;
    },
    async cleanup() {
      await fake.stop().catch(() => undefined);
      repos.cleanup();
    },
  };
}

function labelsOf(labels: unknown): string[] {
  if (Array.isArray(labels)) return labels.map(String);
  return labels ? String(labels).split(',') : [];
}
