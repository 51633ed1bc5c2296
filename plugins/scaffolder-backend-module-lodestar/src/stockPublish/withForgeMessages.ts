/*
 * The stock GitHub and GitLab scaffolder modules, as they are, with one
 * thing added to their publish actions: a failure names the code host and
 * the HTTP status (or that the host could not be reached). Upstream, a 401
 * reads "Bad credentials", an unreachable GitLab "fetch failed". And when
 * the stock publish:github fails after it created the repository (its push
 * failed), the repository is deleted again, or the message says it is
 * still there — upstream leaves it behind without a word.
 *
 * The upstream module is wrapped, not copied: its own init runs with the
 * scaffolder extension point handed through, and only the actions listed
 * get a wrapped handler (same id, schema, inputs and outputs), and accept
 * the `allowedHosts` input older templates pass (allowedHosts.ts).
 */
import { STATUS_CODES } from 'node:http';
import {
  BackendFeature,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import {
  connectionCode,
  Forge,
  ForgeError,
  statusInMessage,
  stillThere,
} from '../actions/forgeCalls';
import { withAllowedHosts } from './allowedHosts';

const WRAPPED: Record<Forge, string[]> = {
  GitHub: ['publish:github', 'publish:github:pull-request'],
  GitLab: ['publish:gitlab', 'publish:gitlab:merge-request'],
};

type Registration = {
  type: string;
  pluginId: string;
  moduleId: string;
  extensionPoints: unknown[];
  connections?: unknown[];
  init: { deps: Record<string, any>; func(deps: any): Promise<void> };
};

/** The upstream scaffolder module `feature` with its publish actions wrapped. */
export function withForgeMessages(
  feature: BackendFeature,
  forge: Forge,
): BackendFeature {
  const registrations: Registration[] = (feature as any).getRegistrations?.();
  const registration = registrations?.[0];
  if (
    registrations?.length !== 1 ||
    !registration.type.startsWith('module') ||
    registration.extensionPoints.length > 0 ||
    (registration.connections?.length ?? 0) > 0 ||
    !registration.init.deps.scaffolder
  ) {
    throw new Error(
      `withForgeMessages: the ${forge} scaffolder module no longer has the shape it wraps (one module init with a scaffolder dependency); add it with backend.add() directly`,
    );
  }
  return createBackendModule({
    pluginId: registration.pluginId,
    moduleId: registration.moduleId,
    register(env) {
      env.registerInit({
        deps: registration.init.deps,
        async init(deps: Record<string, any>) {
          const scaffolder = deps.scaffolder;
          const config: Config | undefined = deps.config;
          const addActions = (...actions: any[]) =>
            scaffolder.addActions(
              ...actions.map(action =>
                WRAPPED[forge].includes(action.id)
                  ? withAllowedHosts(wrapAction(action, forge, config))
                  : action,
              ),
            );
          await registration.init.func({
            ...deps,
            scaffolder: Object.assign(Object.create(scaffolder), {
              addActions,
            }),
          });
        },
      });
    },
  });
}

function wrapAction(action: any, forge: Forge, config: Config | undefined) {
  return {
    ...action,
    async handler(ctx: any) {
      const host = hostOf(ctx.input?.repoUrl);
      let created: { remoteUrl: string; repoContentsUrl: string } | undefined;
      const checkpoint = ctx.checkpoint;
      const watched = {
        ...ctx,
        async checkpoint(options: { key: string }) {
          const result = await checkpoint(options);
          // publish:github's repository-creation step has completed.
          if (options.key.startsWith('create.github.repo.')) created = result;
          return result;
        },
      };
      try {
        await action.handler(watched);
      } catch (error) {
        const described = describe(error, forge, host, action.id);
        if (!created || !config) throw described ?? error;
        const remains = await deleteCreatedGithubRepo(
          config,
          ctx.input.repoUrl,
          created,
        );
        throw new ForgeError(
          `${(described ?? (error as Error)).message}; ${remains}`,
          { status: described?.status },
        );
      }
    },
  };
}

function hostOf(repoUrl: unknown): string {
  try {
    return new URL(`https://${String(repoUrl)}`).host;
  } catch {
    return 'an unknown host';
  }
}

/** A ForgeError naming host and status, or undefined (not an HTTP failure). */
function describe(
  error: unknown,
  forge: Forge,
  host: string,
  actionId: string,
): ForgeError | undefined {
  const chain: any[] = [];
  for (let e: any = error; e && chain.length < 5; e = e.cause) chain.push(e);
  const message = (error as Error)?.message ?? String(error);
  const code = connectionCode(error);
  if (code || chain.some(e => e?.message === 'fetch failed')) {
    return new ForgeError(
      `${forge} at ${host} could not be reached during ${actionId} (${
        code ?? 'fetch failed'
      }): ${message}`,
    );
  }
  const status: number | undefined = chain
    .map(
      e =>
        (typeof e.status === 'number' ? e.status : undefined) ??
        e.response?.status ??
        e.data?.statusCode ??
        statusInMessage(String(e.message ?? '')),
    )
    .find(s => typeof s === 'number' && s >= 400);
  if (!status) {
    // publish:github rethrows a failed create as a plain Error, without the
    // status: name the host at least.
    if (/^Failed to create the \w+ repository /.test(message)) {
      return new ForgeError(
        `${forge} at ${host} refused during ${actionId} (the action does not pass on the status): ${message}`,
      );
    }
    return undefined;
  }
  return new ForgeError(
    `${forge} at ${host} answered ${status} ${
      STATUS_CODES[status] ?? ''
    } during ${actionId}: ${message}`,
    { status },
  );
}

/** Deletes what publish:github created; says what is left if it cannot. */
async function deleteCreatedGithubRepo(
  config: Config,
  repoUrl: string,
  created: { repoContentsUrl: string },
): Promise<string> {
  const web = created.repoContentsUrl.replace(/\/blob\/[^/]+$/, '');
  try {
    const parsed = new URL(`https://${repoUrl}`);
    const owner = parsed.searchParams.get('owner')!;
    const repo = parsed.searchParams.get('repo')!;
    const integrations = ScmIntegrations.fromConfig(config);
    const integration = integrations.github.byHost(parsed.host)!.config;
    const { token } = await DefaultGithubCredentialsProvider.fromIntegrations(
      integrations,
    ).getCredentials({ url: `https://${parsed.host}/${owner}/${repo}` });
    const res = await fetch(
      `${integration.apiBaseUrl}/repos/${encodeURIComponent(
        owner,
      )}/${encodeURIComponent(repo)}`,
      {
        method: 'DELETE',
        headers: {
          Accept: 'application/vnd.github+json',
          Authorization: `Bearer ${token}`,
        },
      },
    );
    if (res.ok) {
      return `the repository ${web} this run created was deleted again`;
    }
    return stillThere(
      'repository',
      web,
      `GitHub answered ${res.status} to the delete; the token needs the delete_repo scope or Administration: write`,
    );
  } catch (e) {
    return stillThere('repository', web, (e as Error).message);
  }
}
