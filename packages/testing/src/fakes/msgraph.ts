/*
 * A local stand-in for Microsoft Entra ID as the Backstage msgraph org
 * module uses it: the identity platform's client-credentials token endpoint
 * (login.microsoftonline.com/{tenant}/oauth2/v2.0/token) and the Microsoft
 * Graph v1.0 endpoints the module reads (users, groups, group members, the
 * organization, user photos), with server-side paging through
 * @odata.nextLink. Shapes are in fixtures/msgraph.ts with their sources.
 *
 * The backend reaches it under the real host names through the
 * TLS-intercepting proxy of tlsIntercept.ts (give it `backendEnv`), so the
 * production config runs unchanged: default authority, default Graph URL.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import express, { Request, Response } from 'express';
import { HttpFake, startHttpFake } from './httpFake';
import {
  GraphDirectory,
  graphError,
  GraphGroup,
  GraphUser,
  identityPlatformError,
  tidewaterDirectory,
} from './fixtures/msgraph';
import {
  createTestCertificates,
  InterceptingProxy,
  startInterceptingProxy,
} from './tlsIntercept';

export const ENTRA_LOGIN_HOST = 'login.microsoftonline.com';
export const GRAPH_HOST = 'graph.microsoft.com';

export type MsGraphFakeOptions = {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Default: tidewaterDirectory(tenantId). */
  directory?: GraphDirectory;
  /** Largest page the fake answers, whatever $top asks. Default 3. */
  pageSize?: number;
};

export type MsGraphFake = {
  http: HttpFake;
  proxy: InterceptingProxy;
  /** Mutable: changes show in the next sync. */
  directory: GraphDirectory;
  /** Environment the backend needs to reach the fake (proxy, CA). */
  backendEnv: Record<string, string>;
  /** Access tokens the token endpoint issued. */
  issuedTokens: string[];
  /** Graph requests (path + query) that carried a valid token. */
  graphRequests(): Array<{ path: string; query: Record<string, unknown> }>;
  stop(): Promise<void>;
};

type DirectoryObject = Record<string, unknown>;

const CONTEXT = `https://${GRAPH_HOST}/v1.0/$metadata`;

function select(object: DirectoryObject, $select: unknown): DirectoryObject {
  if (typeof $select !== 'string' || !$select) return object;
  const wanted = $select.split(',').map(s => s.trim().toLowerCase());
  return Object.fromEntries(
    Object.entries(object).filter(([key]) =>
      wanted.includes(key.toLowerCase()),
    ),
  );
}

/** The user properties List users returns without $select. */
const DEFAULT_USER_PROPERTIES =
  'businessPhones,displayName,givenName,id,jobTitle,mail,mobilePhone,officeLocation,preferredLanguage,surname,userPrincipalName';

const groupObject = (g: GraphGroup): DirectoryObject => {
  const { members: _members, ...rest } = g;
  return rest;
};

const userObject = (u: GraphUser): DirectoryObject => ({ ...u });

/** Graph's 404 for an object id it does not know. */
const resourceNotFound = (res: Response, id: string) =>
  res
    .status(404)
    .json(
      graphError(
        'Request_ResourceNotFound',
        `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
      ),
    );

export async function startMsGraphFake(
  options: MsGraphFakeOptions,
): Promise<MsGraphFake> {
  const directory = options.directory ?? tidewaterDirectory(options.tenantId);
  const pageSize = options.pageSize ?? 3;
  const issuedTokens: string[] = [];
  const graphRequests: Array<{
    path: string;
    query: Record<string, unknown>;
  }> = [];

  /** One page of `items` and, when more follow, the link to the next. */
  function page(
    req: Request,
    res: Response,
    context: string,
    items: DirectoryObject[],
  ) {
    const top = Math.min(Number(req.query.$top) || 100, 999);
    const size = Math.min(top, pageSize);
    const offset = req.query.$skiptoken
      ? Number(
          Buffer.from(String(req.query.$skiptoken), 'base64url').toString(),
        )
      : 0;
    const body: Record<string, unknown> = {
      '@odata.context': `${CONTEXT}#${context}`,
      value: items.slice(offset, offset + size),
    };
    if (offset + size < items.length) {
      const next = new URL(`https://${req.headers.host}${req.path}`);
      for (const [key, value] of Object.entries(req.query)) {
        if (key !== '$skiptoken') next.searchParams.set(key, String(value));
      }
      next.searchParams.set(
        '$skiptoken',
        Buffer.from(String(offset + size)).toString('base64url'),
      );
      body['@odata.nextLink'] = next.toString();
    }
    res.json(body);
  }

  const login = express.Router();
  login.post('/:tenant/oauth2/v2.0/token', (req, res) => {
    const form = req.body as Record<string, string>;
    if (req.params.tenant !== options.tenantId) {
      res
        .status(400)
        .json(
          identityPlatformError(
            'invalid_request',
            90002,
            `Tenant '${req.params.tenant}' not found.`,
          ),
        );
      return;
    }
    if (form.grant_type !== 'client_credentials') {
      res
        .status(400)
        .json(
          identityPlatformError(
            'unsupported_grant_type',
            70003,
            'The app requested an unsupported grant type.',
          ),
        );
      return;
    }
    if (form.client_id !== options.clientId) {
      res
        .status(400)
        .json(
          identityPlatformError(
            'unauthorized_client',
            700016,
            `Application with identifier '${form.client_id}' was not found in the directory.`,
          ),
        );
      return;
    }
    if (form.client_secret !== options.clientSecret) {
      res
        .status(401)
        .json(
          identityPlatformError(
            'invalid_client',
            7000215,
            'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.',
          ),
        );
      return;
    }
    if (form.scope !== `https://${GRAPH_HOST}/.default`) {
      res
        .status(400)
        .json(
          identityPlatformError(
            'invalid_scope',
            1002012,
            `The provided value for scope ${form.scope} is not valid.`,
          ),
        );
      return;
    }
    const token = `eyJ0eXAiOiJKV1Qi.${crypto
      .randomBytes(24)
      .toString('base64url')}`;
    issuedTokens.push(token);
    res.json({
      token_type: 'Bearer',
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: token,
    });
  });

  const graph = express.Router();
  graph.use('/v1.0', (req, res, next) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token || !issuedTokens.includes(token)) {
      res
        .status(401)
        .json(
          graphError(
            'InvalidAuthenticationToken',
            token ? 'Invalid JWT token.' : 'Access token is empty.',
          ),
        );
      return;
    }
    graphRequests.push({ path: req.path, query: { ...req.query } });
    next();
  });
  graph.get('/v1.0/users', (req, res) => {
    const users = directory.users.map(u =>
      select(userObject(u), req.query.$select ?? DEFAULT_USER_PROPERTIES),
    );
    page(req, res, 'users', users);
  });
  graph.get('/v1.0/users/:id/photos', (req, res) => {
    if (!directory.users.some(u => u.id === req.params.id)) {
      resourceNotFound(res, req.params.id);
      return;
    }
    res
      .status(404)
      .json(
        graphError(
          'ImageNotFound',
          "Exception of type 'Microsoft.Fast.Profile.Core.Exception.ImageNotFoundException' was thrown.",
        ),
      );
  });
  graph.get('/v1.0/groups', (req, res) => {
    const groups = directory.groups.map(g =>
      select(groupObject(g), req.query.$select),
    );
    page(req, res, 'groups', groups);
  });
  graph.get('/v1.0/groups/:id/members', (req, res) => {
    const group = directory.groups.find(g => g.id === req.params.id);
    if (!group) {
      resourceNotFound(res, req.params.id);
      return;
    }
    const members = group.members.flatMap((id): DirectoryObject[] => {
      const u = directory.users.find(x => x.id === id);
      if (u) {
        return [{ '@odata.type': '#microsoft.graph.user', ...userObject(u) }];
      }
      const g = directory.groups.find(x => x.id === id);
      if (g) {
        return [{ '@odata.type': '#microsoft.graph.group', ...groupObject(g) }];
      }
      return [];
    });
    page(req, res, 'directoryObjects', members);
  });
  graph.get('/v1.0/organization/:id', (req, res) => {
    if (req.params.id !== directory.organization.id) {
      resourceNotFound(res, req.params.id);
      return;
    }
    res.json({
      '@odata.context': `${CONTEXT}#organization/$entity`,
      ...directory.organization,
    });
  });

  const http = await startHttpFake([login, graph]);
  const certificates = createTestCertificates([ENTRA_LOGIN_HOST, GRAPH_HOST]);
  const proxy = await startInterceptingProxy({
    hosts: [ENTRA_LOGIN_HOST, GRAPH_HOST],
    certificates,
    targetPort: http.port,
  });

  return {
    http,
    proxy,
    directory,
    backendEnv: proxy.env,
    issuedTokens,
    graphRequests: () => graphRequests,
    async stop() {
      await proxy.stop();
      await http.stop();
      fs.rmSync(certificates.dir, { recursive: true, force: true });
    },
  };
}
