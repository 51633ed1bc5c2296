import { startOnce } from './startOnce';

describe('startOnce', () => {
  it('starts once however often start() and startEarly() are called, and stops once', async () => {
    const calls: string[] = [];
    const thing = startOnce(
      { started: 0 },
      async ctx => {
        calls.push('start');
        ctx.started++;
      },
      async () => {
        calls.push('stop');
      },
    );
    thing.startEarly();
    await Promise.all([thing.start(), thing.start()]);
    await Promise.all([thing.stop(), thing.stop()]);
    expect(calls).toEqual(['start', 'stop']);
    expect(thing.ctx.started).toBe(1);
  });

  it('reports a failed start to start(), and stop() cleans up what it made', async () => {
    const ctx: { made?: string; cleaned?: string } = {};
    const thing = startOnce(
      ctx,
      async c => {
        c.made = 'forge';
        throw new Error('the portal did not start');
      },
      async c => {
        c.cleaned = c.made;
      },
    );
    thing.startEarly();
    await expect(thing.start()).rejects.toThrow('the portal did not start');
    await thing.stop();
    expect(ctx.cleaned).toBe('forge');
  });

  it('waits for a start under way before stopping', async () => {
    const order: string[] = [];
    let finish!: () => void;
    const thing = startOnce(
      {},
      () =>
        new Promise<void>(resolve => {
          finish = () => {
            order.push('started');
            resolve();
          };
        }),
      async () => {
        order.push('stopped');
      },
    );
    thing.startEarly();
    const stopped = thing.stop();
    finish();
    await stopped;
    expect(order).toEqual(['started', 'stopped']);
  });
});
