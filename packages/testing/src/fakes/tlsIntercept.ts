/*
 * HTTPS for stand-ins of SaaS hosts whose client libraries accept nothing
 * else. Microsoft's MSAL refuses a non-https authority and, for any host it
 * does not know, asks login.microsoftonline.com where to go (instance
 * discovery), so its requests cannot simply be pointed at 127.0.0.1. Instead
 * the backend under test runs behind this local forward proxy
 * (HTTPS_PROXY, which Azure's HTTP pipeline and, with NODE_USE_ENV_PROXY=1,
 * Node's fetch honour): a CONNECT to one of the named hosts is answered with
 * TLS under a certificate of a CA made for this test run (trusted by the
 * backend through NODE_EXTRA_CA_CERTS; no TLS check is switched off), and
 * the decrypted requests go to the stand-in's plain HTTP port. A CONNECT to
 * any other host is refused and recorded, so nothing leaves the machine.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { availableOrSkip } from '../skip';

export type TestCertificates = {
  dir: string;
  /** PEM file of the CA: give it to the backend as NODE_EXTRA_CA_CERTS. */
  caFile: string;
  key: string;
  cert: string;
};

/** Why openssl cannot make certificates here, or undefined when it can. */
export function opensslMissing(): string | undefined {
  const probe = spawnSync('openssl', ['version'], { encoding: 'utf8' });
  return probe.status === 0
    ? undefined
    : 'openssl is not installed (Debian package openssl)';
}

/**
 * For a test file's top level: true when openssl can run. Otherwise prints a
 * line starting with SKIPPING and, when CI=true, throws.
 */
export function opensslAvailableOrSkip(what: string): boolean {
  return availableOrSkip(what, opensslMissing(), 'openssl');
}

function openssl(args: string[], cwd: string) {
  const run = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (run.status !== 0) {
    throw new Error(`openssl ${args[0]} failed: ${run.stderr}`);
  }
}

/** A CA made now, valid for a day, and a server certificate for `hosts`. */
export function createTestCertificates(hosts: string[]): TestCertificates {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestar-tls-'));
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
      '-days',
      '1',
      '-subj',
      '/CN=Lodestar test CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  openssl(
    [
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'server.key',
      '-out',
      'server.csr',
      '-subj',
      `/CN=${hosts[0]}`,
    ],
    dir,
  );
  fs.writeFileSync(
    path.join(dir, 'server.ext'),
    [
      `subjectAltName=${hosts.map(h => `DNS:${h}`).join(',')}`,
      'basicConstraints=CA:FALSE',
      'keyUsage=digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
    ].join('\n'),
  );
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.crt',
      '-days',
      '1',
      '-extfile',
      'server.ext',
    ],
    dir,
  );
  return {
    dir,
    caFile: path.join(dir, 'ca.crt'),
    key: fs.readFileSync(path.join(dir, 'server.key'), 'utf8'),
    cert: fs.readFileSync(path.join(dir, 'server.crt'), 'utf8'),
  };
}

export type InterceptingProxy = {
  /** http://127.0.0.1:<port>, for HTTPS_PROXY. */
  url: string;
  /** Every CONNECT target asked for, e.g. graph.microsoft.com:443. */
  connects: string[];
  /** CONNECT targets refused because they are not stood in for. */
  refused: string[];
  /** What the backend needs in its environment to go through the proxy. */
  env: Record<string, string>;
  stop(): Promise<void>;
};

/**
 * A forward proxy that terminates TLS for `hosts` (port 443) with
 * `certificates` and hands the plain requests to 127.0.0.1:`targetPort`.
 */
export async function startInterceptingProxy(options: {
  hosts: string[];
  certificates: TestCertificates;
  targetPort: number;
}): Promise<InterceptingProxy> {
  const connects: string[] = [];
  const refused: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((_req, res) => {
    // Plain-HTTP proxying is not needed by anything under test.
    res.writeHead(403).end('this proxy only tunnels to its stand-ins\n');
  });
  server.on('connect', (req, socket: net.Socket, head: Buffer) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    const target = req.url ?? '';
    connects.push(target);
    const [host, port] = target.split(':');
    if (!options.hosts.includes(host) || port !== '443') {
      refused.push(target);
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length) socket.unshift(head);
    const secure = new tls.TLSSocket(socket, {
      isServer: true,
      key: options.certificates.key,
      cert: options.certificates.cert,
    });
    const upstream = net.connect(options.targetPort, '127.0.0.1');
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    const close = () => {
      secure.destroy();
      upstream.destroy();
    };
    secure.on('error', close);
    upstream.on('error', close);
    secure.pipe(upstream).pipe(secure);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    connects,
    refused,
    env: {
      HTTPS_PROXY: url,
      https_proxy: url,
      HTTP_PROXY: url,
      http_proxy: url,
      NO_PROXY: '127.0.0.1,localhost',
      no_proxy: '127.0.0.1,localhost',
      // Node's own fetch and http use the proxy variables only with this.
      NODE_USE_ENV_PROXY: '1',
      NODE_EXTRA_CA_CERTS: options.certificates.caFile,
    },
    stop: () =>
      new Promise<void>(resolve => {
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
