/*
 * What a refused status change means in HTTP: asking for a move the
 * request's status does not allow is a conflict with its current state
 * (409); a missing reason or original is bad input (400).
 */
import { ConflictError, InputError } from '@backstage/errors';
import {
  TransitionProblem,
  TransitionProblemKind,
} from '@internal/plugin-platform-requests-common';
import { TransitionRefusedError } from '../errors';

const ERRORS: Record<TransitionProblemKind, new (message: string) => Error> = {
  'not-allowed': ConflictError,
  'reason-missing': InputError,
  'duplicate-of-missing': InputError,
};

export function transitionError(problem: TransitionProblem): Error {
  return new ERRORS[problem.kind](problem.message);
}

/** Runs a transition, turning the store's refusal into its HTTP error. */
export async function asHttpTransition<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof TransitionRefusedError) {
      throw transitionError(error.problem);
    }
    throw error;
  }
}
