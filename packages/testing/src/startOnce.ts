/**
 * Something a test file starts once and may start early, such as a portal
 * for a later describe block that can come up while an earlier block's
 * tests run. `start()` begins it (later calls share that start);
 * `startEarly()` begins it without waiting (a failure shows where
 * `start()` is awaited); `stop()` waits for a start under way, then stops
 * what the start put into `ctx` — also when it failed half-way.
 */
export type StartOnce<C> = {
  ctx: C;
  start(): Promise<void>;
  startEarly(): void;
  stop(): Promise<void>;
};

export function startOnce<C extends object>(
  ctx: C,
  start: (ctx: C) => Promise<void>,
  stop: (ctx: C) => Promise<void>,
): StartOnce<C> {
  let starting: Promise<void> | undefined;
  let stopping: Promise<void> | undefined;
  const begin = () => (starting ??= start(ctx));
  return {
    ctx,
    start: begin,
    startEarly() {
      begin().catch(() => {});
    },
    stop() {
      stopping ??= (async () => {
        await starting?.catch(() => {});
        await stop(ctx);
      })();
      return stopping;
    },
  };
}
