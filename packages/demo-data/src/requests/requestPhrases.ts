/*
 * What demo and bench requests are about: a subject and a problem, e.g.
 * "CI runners are slow". One list for the demo story and the bench
 * generator, so both read like the same organisation.
 */

export const REQUEST_SUBJECTS = [
  'CI runners',
  'Preview environments',
  'Kafka topics',
  'Terraform plans',
  'Staging database',
  'Docker builds',
  'Feature flags',
  'Grafana dashboards',
  'Vault secrets',
  'Helm charts',
  'Log search',
  'On-call paging',
  'Golden path template',
  'API gateway',
  'Service mesh',
  'Test data',
  'Artifact registry',
  'Cost reports',
  'Access requests',
  'Onboarding docs',
];

export const REQUEST_PROBLEMS = [
  'are slow',
  'keep timing out',
  'need manual approval',
  'fail at random',
  'are missing for our team',
  'take hours to set up',
  'lack documentation',
  'break after upgrades',
  'cannot be self-served',
  'cost too much',
];
