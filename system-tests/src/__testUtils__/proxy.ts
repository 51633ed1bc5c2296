/*
 * A minimal round-robin HTTP load balancer: one port in front of several
 * backend replicas, the shared base URL of the replica tests. A request that
 * cannot connect to one replica (refused: that replica is down) goes to the
 * next; one that fails after it was sent is answered 502, because the
 * replica may have acted on it and a retry could write twice.
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';

export type LoadBalancer = {
  url: string;
  port: number;
  /** Requests forwarded to each upstream port, and what went wrong. */
  stats: {
    forwarded: Record<number, number>;
    /** Requests sent to each upstream port and not yet answered (no status line). */
    inFlight: Record<number, number>;
    retriedAfterRefusal: number;
    /** Requests answered 502, by the error that failed them. */
    badGateway: Record<string, number>;
  };
  close(): Promise<void>;
};

// Hop-by-hop headers belong to one connection, not to the request.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
]);

function endToEnd(headers: http.IncomingHttpHeaders) {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)),
  );
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startLoadBalancer(
  upstreamPorts: number[],
  port = 0,
): Promise<LoadBalancer> {
  const stats: LoadBalancer['stats'] = {
    forwarded: Object.fromEntries(upstreamPorts.map(p => [p, 0])),
    inFlight: Object.fromEntries(upstreamPorts.map(p => [p, 0])),
    retriedAfterRefusal: 0,
    badGateway: {},
  };
  let next = 0;

  function forward(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    body: Buffer,
    first: number,
    attempt: number,
  ) {
    const upstreamPort =
      upstreamPorts[(first + attempt) % upstreamPorts.length];
    const headers = endToEnd(req.headers);
    if (body.length > 0) headers['content-length'] = String(body.length);
    // No connection reuse: a socket to a replica that was killed would fail
    // after sending, where a retry is no longer safe.
    const upstream = http.request({
      host: '127.0.0.1',
      port: upstreamPort,
      method: req.method,
      path: req.url,
      headers,
      agent: false,
    });
    let connected = false;
    let answered = false;
    const settle = () => {
      if (connected && !answered) stats.inFlight[upstreamPort]--;
      answered = true;
    };
    upstream.on('socket', socket =>
      socket.on('connect', () => {
        connected = true;
        stats.inFlight[upstreamPort]++;
      }),
    );
    upstream.on('response', response => {
      settle();
      stats.forwarded[upstreamPort]++;
      res.writeHead(response.statusCode ?? 502, endToEnd(response.headers));
      response.pipe(res);
      response.on('error', () => res.destroy());
    });
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      settle();
      if (error.code === 'ECONNREFUSED' && attempt + 1 < upstreamPorts.length) {
        stats.retriedAfterRefusal++;
        forward(req, res, body, first, attempt + 1);
        return;
      }
      const reason = `${upstreamPort} ${error.code ?? error.message}`;
      stats.badGateway[reason] = (stats.badGateway[reason] ?? 0) + 1;
      if (res.headersSent) {
        res.destroy();
      } else {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            error: { name: 'BadGateway', message: String(error) },
          }),
        );
      }
    });
    upstream.end(body);
  }

  const server = http.createServer(async (req, res) => {
    try {
      const body = await readBody(req);
      // Round robin; a retry goes to the replica after the one that refused.
      forward(req, res, body, next++, 0);
    } catch {
      res.destroy();
    }
  });
  // Every interface, as the replicas listen: `localhost` may be ::1 or 127.0.0.1.
  await new Promise<void>(resolve => server.listen(port, resolve));
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${actualPort}`,
    port: actualPort,
    stats,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
