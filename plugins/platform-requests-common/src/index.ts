/**
 * Shared by the platform-requests frontend and backend: the request model,
 * zod schemas of every input, the workflow, status labels, what an edit
 * changes, who may vote, rate and reopen, priority and SLA rules, the
 * permissions, and isolating user text in plain-text sentences.
 *
 * @packageDocumentation
 */
export * from './model';
export * from './schemas';
export * from './workflow';
export * from './statusLabels';
export * from './changes';
export * from './eligibility';
export * from './priority';
export * from './sla';
export * from './permissions';
export * from './platformTeam';
export * from './notifications';
export * from './isolate';
