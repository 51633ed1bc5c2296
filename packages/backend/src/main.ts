/*
 * Lodestar backend: one process serves the frontend bundle and every plugin.
 * Which database, sign-in and catalog sources it uses comes from config
 * (app-config.yaml = embedded default, app-config.production.yaml = production).
 */
import { createBackend } from '@backstage/backend-defaults';
// Named exports are imported statically: through import() they arrive
// undefined when the source is run with the SWC transform.
import { withForgeMessages } from '@internal/plugin-scaffolder-backend-module-lodestar';
import { localGitUrlReaderFactory } from '@internal/plugin-local-git-backend';
import scaffolderGithubModule from '@backstage/plugin-scaffolder-backend-module-github';
import scaffolderGitlabModule from '@backstage/plugin-scaffolder-backend-module-gitlab';
import { searchModulePlatformRequestsCollator } from '@internal/plugin-platform-requests-backend';
import { authModuleLodestarSignIn } from './modules/signIn';
import { preflight } from './preflight';
import {
  httpRouterServiceFactory,
  rootConfigServiceFactory,
  rootLoggerServiceFactory,
} from './services';
import { reportStartupFailure } from './startup';

const backend = createBackend();

// Plugins answer 503 with Retry-After, not 500, while the database is down
// or has no free connection (see services/httpRouterServiceFactory.ts).
backend.add(httpRouterServiceFactory);
// Config as Backstage loads it, less the org and discovery sources whose
// variables are unset (see services/catalogSources.ts).
backend.add(rootConfigServiceFactory);
// Readable log lines on a terminal, JSON for log collectors, whatever
// NODE_ENV says (see services/rootLoggerServiceFactory.ts).
backend.add(rootLoggerServiceFactory);

backend.add(import('@backstage/plugin-app-backend'));

// Sign-in. A provider only activates where it is configured: guest in the
// embedded default alone; OIDC and GitHub, resolved to catalog Users by
// email, in production (and OIDC with `npm start -- --users`).
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(authModuleLodestarSignIn);

// Software catalog, with the Template kind and errors surfaced in the logs.
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('./plugins/catalogErrors/plugin'));
// Only the platform team registers Users, Groups and Templates.
backend.add(import('./modules/catalogImportGuard/module'));
// People and teams from the company's directory, and repositories from its
// code hosts. Each provider stays idle until its section under
// catalog.providers is configured (app-config.production.yaml, from the
// environment; docs/operations.md).
// LDAP: upstream's provider, scheduled by Lodestar so that a failed sync is
// one log line naming the directory and the cause (modules/ldapOrg).
backend.add(import('./modules/ldapOrg/module'));
// Microsoft Entra ID and GitHub organisation: upstream's providers, scheduled
// by Lodestar in the same way (modules/orgSync).
backend.add(import('./modules/orgSync/msgraphOrg'));
backend.add(import('./modules/orgSync/githubOrg'));
backend.add(import('@backstage/plugin-catalog-backend-module-github'));
backend.add(import('@backstage/plugin-catalog-backend-module-gitlab'));

// Golden paths.
backend.add(import('@backstage/plugin-scaffolder-backend'));
// The stock GitHub and GitLab actions, unchanged except that their publish
// actions' failures name the host and the HTTP status (and publish:github
// deletes a repository it created when its push fails).
backend.add(withForgeMessages(scaffolderGithubModule, 'GitHub'));
backend.add(withForgeMessages(scaffolderGitlabModule, 'GitLab'));
// fetch:cookiecutter runs Debian's cookiecutter locally (no Docker).
backend.add(import('@backstage/plugin-scaffolder-backend-module-cookiecutter'));
// Says once at start-up when there is no cookiecutter on the PATH.
backend.add(import('./modules/cookiecutterCheck/module'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
// publish:lodestar, then the local git repositories it creates in the
// embedded default (/api/local-git) and the URL reader through which the
// catalog reads them.
backend.add(import('@internal/plugin-scaffolder-backend-module-lodestar'));
backend.add(import('@internal/plugin-local-git-backend'));
backend.add(localGitUrlReaderFactory);

// Permissions: the framework, with Lodestar's policy in code.
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@internal/plugin-permission-backend-module-lodestar-policy'),
);

// Search: Postgres engine on PostgreSQL, Lunr (in memory) on SQLite.
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(searchModulePlatformRequestsCollator);

// Platform requests: intake, votes, triage against SLAs (/api/platform-requests).
backend.add(import('@internal/plugin-platform-requests-backend'));
// Platform KPIs: DORA from CI events, intake flow, adoption, catalog health
// (/api/platform-kpis).
backend.add(import('@internal/plugin-platform-kpis-backend'));
// Pulse surveys: answered once per round, results only for groups that
// reach the anonymity floor (/api/platform-surveys).
backend.add(import('@internal/plugin-platform-surveys-backend'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
// Notifications by email too, when SMTP is configured (docs/operations.md).
backend.add(import('./modules/emailNotifications/module'));
backend.add(import('@backstage/plugin-signals-backend'));

// Tools for AI assistants: the actions listed under backend.actions, served
// over MCP at /api/mcp-actions/v1 to whoever's token the assistant carries.
backend.add(import('@backstage/plugin-mcp-actions-backend'));

preflight()
  .then(async startupLock => {
    await backend.start();
    // Migrations have run: the next replica may start (see preflight.ts).
    await startupLock.release();
  })
  .catch(reportStartupFailure);
