/*
 * Start-up failures become one line that names the cause, instead of a stack
 * trace; the process exits non-zero once (no retry loop) so a supervisor or a
 * person sees the reason at once.
 */

type ErrorWithCause = Error & {
  code?: string;
  cause?: unknown;
  address?: string;
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

/** Explains a start-up error in one line, or returns undefined if unknown. */
export function explainStartupFailure(error: unknown): string | undefined {
  if (error instanceof Error && error.name === 'PreflightError') {
    return error.message;
  }
  const causes = rootCauses(error);
  for (const e of causes) {
    const where = e.address ? `${e.address}:${e.port}` : undefined;
    switch (e.code) {
      case 'EADDRINUSE':
        return `port ${e.port} is already in use; stop the other process or change backend.listen.port`;
      case 'ECONNREFUSED':
        return `cannot reach the database at ${
          where ?? 'its configured host'
        }: connection refused (is PostgreSQL running? check POSTGRES_HOST/POSTGRES_PORT)`;
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return `cannot resolve the database host ${
          (e as any).hostname ?? ''
        } (check POSTGRES_HOST)`;
      case 'ETIMEDOUT':
        return `timed out connecting to ${
          where ?? 'the database'
        } (check POSTGRES_HOST/POSTGRES_PORT and firewalls)`;
      case '28P01':
      case '28000':
        return `PostgreSQL refused the credentials: ${e.message} (check POSTGRES_USER/POSTGRES_PASSWORD)`;
      case '3D000':
        return `PostgreSQL database missing: ${e.message}`;
      default:
    }
  }
  const first = causes[0];
  if (
    first?.name === 'ConfigReadError' ||
    /config/i.test(first?.message ?? '')
  ) {
    return `configuration error: ${first.message}`;
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
