/*
 * HTTP statuses that @backstage/errors has no class for. The backend's error
 * middleware takes the status from `statusCode`, so these are thrown like any
 * other error and never answered by hand.
 */
import { CustomErrorBase } from '@backstage/errors';
import { TransitionProblem } from '@internal/plugin-platform-requests-common';

/** 412: If-Match named a version that is no longer current. */
export class PreconditionFailedError extends CustomErrorBase {
  name = 'PreconditionFailedError' as const;
  readonly statusCode = 412;
}

/** 428: a change that needs If-Match came without it. */
export class PreconditionRequiredError extends CustomErrorBase {
  name = 'PreconditionRequiredError' as const;
  readonly statusCode = 428;
}

/**
 * A status change the workflow refuses, said as the common package's kind.
 * Not an HTTP error: the API layer (http/transitionErrors.ts) decides what
 * each kind means to a client.
 */
export class TransitionRefusedError extends Error {
  name = 'TransitionRefusedError' as const;
  constructor(readonly problem: TransitionProblem) {
    super(problem.message);
  }
}
