/**
 * Shared by the platform-requests frontend and backend: the request model,
 * zod schemas of every input, the workflow, status labels, what an edit
 * changes, who may vote, rate and reopen, priority and SLA rules, the
 * permissions, isolating user text in plain-text sentences, and the
 * improvements that answer requests (model, schemas, workflow, permissions).
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
export * from './improvements';
