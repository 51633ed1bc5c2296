/*
 * What the plugin needs from storage for improvements.
 * DatabaseImprovementStore is the one implementation (SQLite and
 * PostgreSQL through knex). Times of writes come from the caller (the
 * router's request clock), so the store never reads the wall clock.
 */
import {
  AddressedBy,
  CreateImprovement,
  Effort,
  EffortQuery,
  Improvement,
  ImprovementListQuery,
  ImprovementTransition,
  UpdateImprovement,
} from '@internal/plugin-platform-requests-common';
import type { StoredRequest } from './RequestStore';

/** A linked request that shipping resolved, for events and notifications. */
export type ResolvedRequest = {
  previous: StoredRequest;
  request: StoredRequest;
  /** Who watches it (not opted out). */
  watchers: string[];
  voters: string[];
};

export type ShipOutcome = {
  improvement: Improvement;
  resolved: ResolvedRequest[];
};

export type ShipCommand = {
  expectedVersion?: number;
  /** Markdown of the comment left on each resolved request. */
  comment: string;
};

export interface ImprovementStore {
  list(query: ImprovementListQuery): Promise<Improvement[]>;
  get(key: string): Promise<Improvement | undefined>;
  /** Where the platform team's effort goes, as of `at` (GET /effort). */
  effort(query: EffortQuery, at: Date): Promise<Effort>;
  /** The improvements that answer a request, oldest first. */
  addressing(requestKey: string): Promise<AddressedBy[]>;
  create(
    input: CreateImprovement,
    actor: string,
    at: Date,
  ): Promise<Improvement>;
  edit(
    key: string,
    command: { fields: UpdateImprovement; expectedVersion: number },
    actor: string,
    at: Date,
  ): Promise<Improvement>;
  transition(
    key: string,
    command: ImprovementTransition & { expectedVersion?: number },
    actor: string,
    at: Date,
  ): Promise<Improvement>;
  /**
   * Ships and resolves every still-open linked request with a comment, in
   * one transaction: all of it happens or none.
   */
  ship(
    key: string,
    command: ShipCommand,
    actor: string,
    at: Date,
  ): Promise<ShipOutcome>;
}
