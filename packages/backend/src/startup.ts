/*
 * Start-up failures become one line that names the cause, instead of a stack
 * trace; the process exits non-zero once (no retry loop) so a supervisor or a
 * person sees the reason at once.
 */

type ErrorWithCause = Error & {
  code?: string;
  cause?: unknown;
  port?: number;
  errors?: unknown[];
};

function rootCauses(error: unknown): ErrorWithCause[] {
  const out: ErrorWithCause[] = [];
  const seen = new Set<unknown>();
  const visit = (e: unknown) => {
    if (!e || typeof e !== 'object' || seen.has(e)) return;
    seen.add(e);
    out.push(e as ErrorWithCause);
    const err = e as ErrorWithCause;
    visit(err.cause);
    err.errors?.forEach(visit);
  };
  visit(error);
  return out;
}

/**
 * Explains a start-up error in one line, or returns undefined if unknown.
 * Database and config problems are caught earlier, by the preflight; what is
 * left to recognise here is the listening port.
 */
export function explainStartupFailure(error: unknown): string | undefined {
  if (error instanceof Error && error.name === 'PreflightError') {
    return error.message;
  }
  const inUse = rootCauses(error).find(e => e.code === 'EADDRINUSE');
  if (inUse) {
    return `port ${inUse.port} is already in use; stop the other process or change backend.listen.port`;
  }
  return undefined;
}

export function reportStartupFailure(error: unknown): never {
  const explained = explainStartupFailure(error);
  const message =
    explained ?? (error instanceof Error ? error.message : String(error));
  process.stderr.write(`\nLodestar failed to start: ${message}\n`);
  if (!explained && process.env.LODESTAR_DEBUG && error instanceof Error) {
    process.stderr.write(`${error.stack}\n`);
  }
  process.exit(1);
}
