/*
 * The frame of every local stand-in for a SaaS API (GitHub, GitLab, Entra ID):
 * an express app on a free loopback port that records each request and can
 * be told to fail the next requests on a path, so tests can assert what the
 * portal called and how it copes with a 401 or a 500. The stand-ins
 * themselves only add routes for the documented endpoints the code calls.
 */
import express, { Router } from 'express';
import http from 'node:http';
import { AddressInfo } from 'node:net';

export type RecordedRequest = {
  method: string;
  path: string;
  query: Record<string, unknown>;
  headers: http.IncomingHttpHeaders;
  body: unknown;
};

export type InjectedFailure = {
  /** Requests whose path starts with this (or matches it) fail. */
  path: string | RegExp;
  status: number;
  body?: unknown;
  /** How many requests fail; default 1. */
  times?: number;
};

export type HttpFake = {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Fails the next matching requests with the given status. */
  failNext(failure: InjectedFailure): void;
  stop(): Promise<void>;
};

export async function startHttpFake(
  routers: Router[],
  options: { port?: number; bodyLimit?: string } = {},
): Promise<HttpFake> {
  const requests: RecordedRequest[] = [];
  const failures: Array<InjectedFailure & { left: number }> = [];
  const app = express();
  app.use(express.json({ limit: options.bodyLimit ?? '10mb' }));
  app.use(express.urlencoded({ extended: false }));
  app.use((req, res, next) => {
    requests.push({
      method: req.method,
      path: req.path,
      query: req.query as Record<string, unknown>,
      headers: req.headers,
      body: req.body,
    });
    const failure = failures.find(
      f =>
        f.left > 0 &&
        (typeof f.path === 'string'
          ? req.path.startsWith(f.path)
          : f.path.test(req.path)),
    );
    if (failure) {
      failure.left -= 1;
      res
        .status(failure.status)
        .json(failure.body ?? { message: `injected ${failure.status}` });
      return;
    }
    next();
  });
  for (const router of routers) app.use(router);
  app.use((req, res) => {
    res.status(404).json({
      message: `Not Found (the fake has no ${req.method} ${req.path})`,
    });
  });

  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    failNext(failure) {
      failures.push({ ...failure, left: failure.times ?? 1 });
    },
    stop: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
