/*
 * The forge's git endpoint: Git's own smart-HTTP server, `git http-backend`
 * (a CGI program that ships with git), bridged from an express route, so
 * clones and pushes speak the real protocol to real bare repositories.
 * Like GitHub and GitLab it wants HTTP basic auth whose password is the
 * token (the scaffolder's actions send x-access-token:<token> and
 * oauth2:<token>); anything else gets a 401 with a Basic challenge.
 */
import { spawn } from 'node:child_process';
import { Request, Response, Router } from 'express';
import { BareRepos, gitHttpBackendPath } from './bareRepos';

/** `/<owner…>/<repo>.git/<what git asks for>` */
const GIT_PATH =
  /^\/(.+?\.git)(\/(?:info\/refs|git-upload-pack|git-receive-pack|HEAD|objects\/.*))$/;

let httpBackendPath: string | undefined;
function httpBackend(): string {
  httpBackendPath ??= gitHttpBackendPath();
  if (!httpBackendPath) throw new Error('git is not installed');
  return httpBackendPath;
}

export type GitEndpointOptions = {
  repos: BareRepos;
  /** Whether a basic-auth password may read and push. */
  acceptsToken(token: string): boolean;
  /** Called after each push has been received (refs updated). */
  onPush?(fullName: string): Promise<void> | void;
};

export function gitHttpRouter(options: GitEndpointOptions): Router {
  const router = Router();
  router.all(GIT_PATH, (req, res) => {
    serveGit(req, res, options).catch(error => {
      if (!res.headersSent) res.status(500).send(String(error));
      else res.destroy();
    });
  });
  return router;
}

function basicPassword(req: Request): string | undefined {
  const header = req.headers.authorization ?? '';
  const match = /^Basic\s+(.+)$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}

async function serveGit(
  req: Request,
  res: Response,
  options: GitEndpointOptions,
): Promise<void> {
  const [, repoPath, rest] = GIT_PATH.exec(req.path)!;
  const fullName = repoPath.replace(/\.git$/, '');
  const password = basicPassword(req);
  if (!password || !options.acceptsToken(password)) {
    res
      .status(401)
      .set('WWW-Authenticate', 'Basic realm="lodestar local forge"')
      .send('HTTP Basic: Access denied\n');
    return;
  }
  if (!options.repos.exists(fullName)) {
    res.status(404).send('Repository not found\n');
    return;
  }

  const query = req.originalUrl.includes('?')
    ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1)
    : '';
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    GIT_PROJECT_ROOT: options.repos.root,
    GIT_HTTP_EXPORT_ALL: '1',
    PATH_INFO: `/${repoPath}${rest}`,
    REQUEST_METHOD: req.method,
    QUERY_STRING: query,
    REMOTE_USER: 'forge-user',
    REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
    SERVER_PROTOCOL: 'HTTP/1.1',
  };
  if (req.headers['content-type']) {
    env.CONTENT_TYPE = req.headers['content-type'];
  }
  if (req.headers['content-length']) {
    env.CONTENT_LENGTH = req.headers['content-length'];
  }
  if (req.headers['content-encoding']) {
    env.HTTP_CONTENT_ENCODING = String(req.headers['content-encoding']);
  }
  if (req.headers['git-protocol']) {
    env.GIT_PROTOCOL = String(req.headers['git-protocol']);
  }

  const cgi = spawn(httpBackend(), [], { env });
  req.pipe(cgi.stdin);
  let stderr = '';
  cgi.stderr.on('data', d => (stderr += d));

  let head = Buffer.alloc(0);
  let headersDone = false;
  cgi.stdout.on('data', (chunk: Buffer) => {
    if (headersDone) {
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    let end = head.indexOf('\r\n\r\n');
    let sep = 4;
    if (end < 0) {
      end = head.indexOf('\n\n');
      sep = 2;
    }
    if (end < 0) return;
    headersDone = true;
    let status = 200;
    for (const line of head.subarray(0, end).toString('utf8').split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') status = parseInt(value, 10);
      else res.setHeader(name, value);
    }
    res.status(status);
    const body = head.subarray(end + sep);
    if (body.length) res.write(body);
  });

  const code = await new Promise<number | null>(resolve =>
    cgi.on('close', resolve),
  );
  if (!headersDone) {
    res.status(500).send(`git http-backend failed (${code}): ${stderr}`);
    return;
  }
  if (rest === '/git-receive-pack' && code === 0) {
    await options.repos.adoptFirstBranch(fullName);
    await options.onPush?.(fullName);
  }
  res.end();
}
