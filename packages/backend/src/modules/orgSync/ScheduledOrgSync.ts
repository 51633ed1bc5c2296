/*
 * Lodestar's scheduling around an upstream org entity provider (Entra ID,
 * GitHub organisation): the provider reads and maps, Lodestar runs it on its
 * schedule so that a failed sync is ONE clear log line naming the source and
 * the cause — upstream logs the error twice over with a stack trace — and a
 * sync that works again says so once.
 *
 * A failed sync changes nothing: the providers only replace their entities
 * after a complete read. A "complete" read without a single person (a filter
 * that matches nobody, an organisation the token sees no members of) is
 * refused as well, since replacing with it would remove everyone from the
 * catalog and lock everyone out of sign-in.
 *
 * The provider name and the task id (`<provider name>:refresh`) are
 * upstream's, so entities synced before stay owned and the task shows under
 * the same id in the catalog's scheduler API.
 */
import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  EntityProvider,
  EntityProviderConnection,
  EntityProviderMutation,
  EntityProviderRefreshOptions,
} from '@backstage/plugin-catalog-node';

/** A full replace without any User is refused (see the file comment). */
export class NoPeopleGuard implements EntityProviderConnection {
  constructor(
    private readonly inner: EntityProviderConnection,
    private readonly hint: string,
  ) {}

  async applyMutation(mutation: EntityProviderMutation): Promise<void> {
    if (
      mutation.type === 'full' &&
      !mutation.entities.some(({ entity }) => entity.kind === 'User')
    ) {
      throw Object.assign(
        new Error(
          `it read no people, so nothing was replaced (removing everyone would lock everyone out): ${this.hint}`,
        ),
        { name: 'NoPeopleReadError' },
      );
    }
    await this.inner.applyMutation(mutation);
  }

  refresh(options: EntityProviderRefreshOptions): Promise<void> {
    return this.inner.refresh(options);
  }
}

const MAX_CAUSE = 400;

/**
 * The cause of a failed sync in one line: the error's message with its
 * status and network error code, whitespace collapsed, bounded in length.
 */
export function describeSyncFailure(error: unknown): string {
  const e = error as {
    message?: string;
    status?: number;
    statusCode?: number;
    code?: string;
    cause?: { code?: string; message?: string };
  };
  let message = String(e?.message ?? error)
    .replace(/\s+/g, ' ')
    .trim()
    // The caller ends the sentence.
    .replace(/\.+$/, '');
  const code = e?.cause?.code ?? e?.code;
  if (message === 'fetch failed') {
    message = `cannot connect${code ? ` (${code})` : ''}${
      e?.cause?.message && !code ? `: ${e.cause.message}` : ''
    }`;
  } else if (typeof code === 'string' && !message.includes(code)) {
    message += ` (${code})`;
  }
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && !message.includes(String(status))) {
    message = `HTTP ${status}: ${message}`;
  }
  return message.length > MAX_CAUSE
    ? `${message.slice(0, MAX_CAUSE)}…`
    : message;
}

export type ScheduledOrgSyncOptions = {
  inner: Pick<EntityProvider, 'getProviderName' | 'connect'> & {
    read(options?: { logger?: LoggerService }): Promise<void>;
  };
  /** How the log names this sync, e.g. `Microsoft Entra ID org sync "default"`. */
  title: string;
  /** What to check when a read finds nobody. */
  noPeopleHint: string;
  schedule: SchedulerServiceTaskScheduleDefinition;
  scheduler: SchedulerService;
  logger: LoggerService;
};

/** One configured org source, synced on its schedule with one-line failures. */
export class ScheduledOrgSync implements EntityProvider {
  private failing = false;

  constructor(private readonly options: ScheduledOrgSyncOptions) {}

  getProviderName(): string {
    return this.options.inner.getProviderName();
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    await this.options.inner.connect(
      new NoPeopleGuard(connection, this.options.noPeopleHint),
    );
    await this.options.scheduler.scheduleTask({
      id: `${this.getProviderName()}:refresh`,
      ...this.options.schedule,
      fn: () => this.sync(),
    });
  }

  /** One complete read and replace; never throws. */
  async sync(): Promise<void> {
    const { inner, title, logger } = this.options;
    try {
      await inner.read({ logger });
      if (this.failing) {
        this.failing = false;
        logger.info(`${title} works again.`);
      }
    } catch (error) {
      this.failing = true;
      logger.error(
        `${title} failed: ${describeSyncFailure(
          error,
        )}. The catalog keeps the people and teams of the last successful sync.`,
      );
    }
  }
}
