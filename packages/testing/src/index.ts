// The harness (starting portals, the demo OpenID provider, PostgreSQL
// targets) is part of what tests use; the rest is here.
export * from '@internal/harness';
export { engines, eventually } from './engines';
// Sign-in through the demo OpenID provider lives with the demo seeder, which
// signs the demo people in the same way.
export { oidcSignIn, oidcToken } from '@internal/demo-data';
export type { OidcSignInResult } from '@internal/demo-data';
export { startHttpFake } from './fakes/httpFake';
export type {
  HttpFake,
  InjectedFailure,
  RecordedRequest,
} from './fakes/httpFake';
export { availableOrSkip } from './skip';
export { startOnce } from './startOnce';
export type { StartOnce } from './startOnce';
export {
  startSlapd,
  ldapSyncEnv,
  ldapToolsMissing,
  slapdAvailableOrSkip,
} from './slapd';
export type { SlapdServer } from './slapd';
export {
  generateLdapOrg,
  ldapOrgLdif,
  personLdif,
  groupLdif,
  personDn,
  groupDn,
  TEST_TEAMS,
} from './ldapOrg';
export type { LdapOrg, LdapPerson, LdapGroup } from './ldapOrg';
export { startGithubDiscoveryFake } from './fakes/githubDiscovery';
export type {
  GithubDiscoveryFake,
  FakeGithubRepository,
} from './fakes/githubDiscovery';
export { startGitlabDiscoveryFake } from './fakes/gitlabDiscovery';
export type {
  GitlabDiscoveryFake,
  FakeGitlabProject,
} from './fakes/gitlabDiscovery';
export {
  opensslAvailableOrSkip,
  createTestCertificates,
  startInterceptingProxy,
} from './fakes/tlsIntercept';
export type { InterceptingProxy, TestCertificates } from './fakes/tlsIntercept';
export { startMsGraphFake } from './fakes/msgraph';
export type { MsGraphFake, MsGraphFakeOptions } from './fakes/msgraph';
export {
  graphError,
  graphId,
  tidewaterDirectory,
} from './fakes/fixtures/msgraph';
export type {
  GraphDirectory,
  GraphGroup,
  GraphUser,
} from './fakes/fixtures/msgraph';
export { startGithubOrgFake } from './fakes/githubOrg';
export type { GithubOrgFake } from './fakes/githubOrg';
export { tidewaterGithubOrganisation } from './fakes/fixtures/githubOrg';
export type {
  FakeGithubOrganisation,
  FakeGithubMember,
  FakeGithubTeam,
} from './fakes/fixtures/githubOrg';
export { startGithubForge } from './fakes/forge/githubForge';
export type {
  GithubForge,
  GithubRepoState,
  GithubPullState,
} from './fakes/forge/githubForge';
export { startGitlabForge } from './fakes/forge/gitlabForge';
export type {
  GitlabForge,
  GitlabProjectState,
  GitlabMergeRequestState,
} from './fakes/forge/gitlabForge';
export {
  BareRepos,
  gitAvailableOrSkip,
  gitMissing,
} from './fakes/forge/bareRepos';
export { connectMcp } from './mcp';
export type { McpSession, McpToolResult } from './mcp';
export { startSmtpServer } from './smtp';
export type { ReceivedMail, SmtpTestServer } from './smtp';
export {
  catalogComponents,
  percentiles,
  rssOfProcess,
  rssSummary,
  runLoad,
} from './load';
export type { KindReport, Latencies, LoadOptions, LoadReport } from './load';
export { countRows } from './pluginRows';
export type { PluginDatabase } from './pluginRows';
