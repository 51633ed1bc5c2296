/*
 * A local stand-in for a self-managed GitLab, for repository discovery
 * (@backstage/plugin-catalog-backend-module-gitlab's
 * GitlabDiscoveryEntityProvider) and the catalog's GitLab URL reader. It
 * answers only what those call (read from their dist code):
 *
 *   GET  /api/v4/groups/:id/projects      the group's projects, subgroups
 *                                         included, paged with x-next-page
 *                                         (discovery asks per_page=50,
 *                                         archived=false, simple=true)
 *   HEAD /api/v4/projects/:id/repository/files/:file_path?ref=
 *                                         does the catalog file exist
 *   GET  /api/v4/projects/:id/repository/files/:file_path/raw?ref=
 *                                         the file (GitlabUrlReader turns a
 *                                         …/-/blob/<ref>/<path> URL into this,
 *                                         on the host of the URL)
 *   GET  /api/v4/projects/:id/repository/files/:file_path?ref=
 *                                         the documented JSON form
 *
 * `:id` is a numeric id or the URL-encoded full path, as in GitLab. The group
 * is an in-memory set of projects with files that a test changes while the
 * portal runs. Response shapes: fixtures/gitlabProjects.ts.
 */
import { Request, Response, Router } from 'express';
import { HttpFake, startHttpFake } from './httpFake';
import {
  FakeGitlabProject,
  fileHeaders,
  fileJson,
  fileNotFound,
  groupNotFound,
  pagingHeaders,
  projectJson,
  projectNotFound,
  refMissing,
  StoredProject,
  unauthorized,
} from './fixtures/gitlabProjects';

export type { FakeGitlabProject } from './fixtures/gitlabProjects';

export type GitlabDiscoveryFake = HttpFake & {
  /** Full path of the discovery group. */
  group: string;
  /** `host:port`, as integrations.gitlab[].host and the provider's host. */
  host: string;
  /** An integrations.gitlab entry for this host. */
  integration: {
    host: string;
    apiBaseUrl: string;
    baseUrl: string;
    token?: string;
  };
  /** Projects by path below the group, in listing order. */
  projects: Map<string, StoredProject>;
  addProject(project: FakeGitlabProject): StoredProject;
  removeProject(path: string): void;
  writeFile(project: string, path: string, content: string): void;
  deleteFile(project: string, path: string): void;
  /** The web URL of a project (its `web_url`). */
  projectUrl(path: string): string;
};

export async function startGitlabDiscoveryFake(options: {
  group: string;
  /** When set, every request must carry it (Bearer or PRIVATE-TOKEN). */
  token?: string;
  projects?: FakeGitlabProject[];
}): Promise<GitlabDiscoveryFake> {
  const { group, token } = options;
  const projects = new Map<string, StoredProject>();
  let nextId = 1000;
  const groupIds = new Map<string, number>([[group, 100]]);
  let nextGroupId = 101;
  const addProject = (project: FakeGitlabProject) => {
    const pathWithNamespace = `${group}/${project.path}`;
    const parts = pathWithNamespace.split('/');
    for (let i = 1; i < parts.length; i++) {
      const groupPath = parts.slice(0, i).join('/');
      if (!groupIds.has(groupPath)) groupIds.set(groupPath, nextGroupId++);
    }
    const stored: StoredProject = {
      ...project,
      id: nextId++,
      pathWithNamespace,
      createdAt: new Date(Date.UTC(2024, 0, 1)).toISOString(),
    };
    projects.set(project.path, stored);
    return stored;
  };
  for (const project of options.projects ?? []) addProject(project);
  let webBase = '';

  const authorized = (req: Request, res: Response) => {
    if (!token) return true;
    if (
      req.header('authorization') === `Bearer ${token}` ||
      req.header('private-token') === token
    ) {
      return true;
    }
    res.status(401).json(unauthorized);
    return false;
  };

  /** `:id` as GitLab takes it: numeric, or the (decoded) full path. */
  const findProject = (id: string) => {
    for (const project of projects.values()) {
      if (String(project.id) === id || project.pathWithNamespace === id) {
        return project;
      }
    }
    return undefined;
  };

  const flag = (value: unknown) => value === 'true' || value === '1';

  const router = Router();

  router.get('/api/v4/groups/:id/projects', (req, res) => {
    if (!authorized(req, res)) return;
    const id = req.params.id;
    const groupPath = [...groupIds].find(
      ([path, numeric]) => path === id || String(numeric) === id,
    )?.[0];
    if (!groupPath) {
      res.status(404).json(groupNotFound);
      return;
    }
    const perPage = Math.min(
      100,
      Math.max(1, Number(req.query.per_page ?? 20) || 20),
    );
    const page = Math.max(1, Number(req.query.page ?? 1) || 1);
    const subgroups = flag(req.query.include_subgroups);
    const topic =
      typeof req.query.topic === 'string' ? req.query.topic.split(',') : [];
    const matching = [...projects.values()].filter(project => {
      const parent = project.pathWithNamespace
        .split('/')
        .slice(0, -1)
        .join('/');
      if (
        subgroups
          ? !`${parent}/`.startsWith(`${groupPath}/`)
          : parent !== groupPath
      ) {
        return false;
      }
      if (req.query.archived === 'false' && project.archived) return false;
      if (req.query.archived === 'true' && !project.archived) return false;
      if (topic.length && !topic.every(t => project.topics?.includes(t))) {
        return false;
      }
      return true;
    });
    const slice = matching.slice((page - 1) * perPage, page * perPage);
    res.set(
      pagingHeaders({
        url: new URL(req.originalUrl, webBase),
        page,
        perPage,
        total: matching.length,
      }),
    );
    res.json(
      slice.map(project =>
        projectJson(project, {
          webBase,
          simple: flag(req.query.simple),
          groupIds,
        }),
      ),
    );
  });

  const withFile =
    (
      answer: (
        res: Response,
        project: StoredProject,
        filePath: string,
        ref: string,
        text: string,
      ) => void,
    ) =>
    (req: Request, res: Response) => {
      if (!authorized(req, res)) return;
      const ref = req.query.ref;
      if (typeof ref !== 'string' || !ref) {
        res.status(400).json(refMissing);
        return;
      }
      const project = findProject(req.params.id);
      if (!project) {
        res.status(404).json(projectNotFound);
        return;
      }
      const filePath = req.params.file_path;
      const branch = project.defaultBranch ?? 'main';
      const text =
        ref === branch || ref === 'HEAD' ? project.files[filePath] : undefined;
      if (text === undefined) {
        res.status(404).json(fileNotFound);
        return;
      }
      res.set(fileHeaders(project, filePath, ref, text));
      answer(res, project, filePath, ref, text);
    };

  router.get(
    '/api/v4/projects/:id/repository/files/:file_path/raw',
    withFile((res, _project, _path, _ref, text) => {
      res.type('text/plain; charset=utf-8').send(text);
    }),
  );
  // Express answers HEAD from the GET route, with the same headers.
  router.get(
    '/api/v4/projects/:id/repository/files/:file_path',
    withFile((res, project, filePath, ref, text) => {
      res.json(fileJson(project, filePath, ref, text));
    }),
  );

  const fake = await startHttpFake([router]);
  webBase = fake.url;
  const host = `127.0.0.1:${fake.port}`;
  const project = (path: string) => {
    const found = projects.get(path);
    if (!found) throw new Error(`no project ${path} in the fake`);
    return found;
  };
  return {
    ...fake,
    group,
    host,
    integration: {
      host,
      apiBaseUrl: `${fake.url}/api/v4`,
      baseUrl: fake.url,
      ...(token ? { token } : {}),
    },
    projects,
    addProject,
    removeProject: path => {
      projects.delete(path);
    },
    writeFile: (path, filePath, content) => {
      project(path).files[filePath] = content;
    },
    deleteFile: (path, filePath) => {
      delete project(path).files[filePath];
    },
    projectUrl: path => `${fake.url}/${group}/${path}`,
  };
}
