/*
 * DEMO AND BENCH DATA: the one seeded random generator, the generators built
 * on it, and the seeder `npm start` runs. Generators only produce data; the
 * seeder and the benchmarks post it.
 */
export { createRandom, hashString } from './random';
export type { Random } from './random';
export {
  DEMO_HISTORY_DAYS,
  TEAM_PROFILES,
  TEMPLATE_INTRODUCED_DAYS_AGO,
  demoKpiEvents,
  teamProfile,
} from './kpis/demoHistory';
export type {
  DemoHistoryOptions,
  DemoService,
  TeamProfile,
} from './kpis/demoHistory';
export { kpiBenchData } from './kpis/benchHistory';
export type { KpiBenchBatch, KpiBenchOptions } from './kpis/benchHistory';
export { SeedError, seedDemoKpiHistory } from './kpis/seed';
export type { SeedResult } from './kpis/seed';
export { DEFAULT_MIX, createLoadMix } from './load/loadMix';
export type {
  AcceptedWrites,
  LoadCall,
  LoadKind,
  LoadMix,
  LoadMixOptions,
} from './load/loadMix';
export {
  deploymentStatusPayload,
  github,
  githubExample,
  githubRaw,
  incidentPayload,
  mergedPullRequestPayload,
  pagerduty,
  pagerdutyExample,
  pingPayload,
  pushPayload,
  serviceHistory,
} from './webhooks/deliveries';
export type { Delivery } from './webhooks/deliveries';
export { createWebhookMix, webhookBenchService } from './webhooks/benchMix';
export type {
  ExpectedEvents,
  WebhookBenchDelivery,
  WebhookBenchKind,
  WebhookMix,
  WebhookMixOptions,
} from './webhooks/benchMix';
export {
  BENCH_REQUEST_TEAMS,
  benchRequestText,
} from './requests/benchRequests';
export {
  DEMO_GOLDEN_PATH_RUNS,
  demoGoldenPathRuns,
} from './story/goldenPathStory';
export type { GoldenPathSeedResult } from './story/goldenPathStory';
export { oidcSignIn, oidcToken } from './story/oidcSignIn';
export type { OidcSignInResult } from './story/oidcSignIn';
export { StorySeedError, seedDemoStory } from './story/seed';
export type { StorySeedResult } from './story/seed';
export {
  DEMO_IMPROVEMENTS,
  DEMO_STORY_REQUESTS,
  DEMO_STORY_TAG,
  DEMO_TEAMS,
  demoRequestStory,
} from './story/requestStory';
export {
  DEMO_SURVEY_ROUND_2_MISSING,
  DEMO_SURVEY_TITLE,
  demoSurvey,
} from './story/surveyStory';
