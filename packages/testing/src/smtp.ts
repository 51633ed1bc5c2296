/*
 * A real SMTP server for tests (the `smtp-server` package): it listens on a
 * free port of 127.0.0.1, accepts every message and keeps it, parsed enough
 * to assert on — envelope recipients, headers, subject and the text and HTML
 * bodies (quoted-printable and base64 decoded). No TLS: the portal's SMTP
 * client is told not to require it, as on a local relay.
 */
import { SMTPServer } from 'smtp-server';
import { freePort } from '@internal/harness';

export type ReceivedMail = {
  /** The envelope's MAIL FROM. */
  from: string;
  /** The envelope's RCPT TO, in order. */
  to: string[];
  /** Lower-cased header names; encoded words decoded. */
  headers: Record<string, string>;
  subject: string;
  text: string;
  html: string;
  /** The user that authenticated, if any. */
  user?: string;
  raw: string;
};

export type SmtpTestServer = {
  host: string;
  port: number;
  messages: ReceivedMail[];
  /** Resolves once `count` messages matching `filter` arrived (or rejects). */
  waitForMessages(
    count: number,
    filter?: (mail: ReceivedMail) => boolean,
    timeoutMs?: number,
  ): Promise<ReceivedMail[]>;
  /** The environment the portal reads its SMTP settings from. */
  env(): Record<string, string>;
  stop(): Promise<void>;
};

export async function startSmtpServer(
  options: {
    port?: number;
    /** Require this login (AUTH PLAIN/LOGIN over plain text). */
    auth?: { user: string; password: string };
  } = {},
): Promise<SmtpTestServer> {
  const port = options.port ?? (await freePort());
  const messages: ReceivedMail[] = [];
  const waiters = new Set<() => void>();

  const server = new SMTPServer({
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      const ok =
        options.auth &&
        auth.username === options.auth.user &&
        auth.password === options.auth.password;
      if (!ok) {
        callback(new Error('Invalid username or password'));
        return;
      }
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const from = session.envelope.mailFrom;
        messages.push({
          ...parseMessage(raw),
          from: from ? from.address : '',
          to: session.envelope.rcptTo.map(r => r.address),
          user: session.user as string | undefined,
          raw,
        });
        for (const wake of waiters) wake();
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // A client that disconnects abruptly is not the test's failure.
  server.on('error', () => {});

  return {
    host: '127.0.0.1',
    port,
    messages,
    waitForMessages(count, filter = () => true, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const state: { timer?: NodeJS.Timeout; wake?: () => void } = {};
        const settle = () => {
          if (state.wake) waiters.delete(state.wake);
          clearTimeout(state.timer);
        };
        const check = () => {
          const matching = messages.filter(filter);
          if (matching.length < count) return;
          settle();
          resolve(matching);
        };
        state.wake = check;
        state.timer = setTimeout(() => {
          settle();
          reject(
            new Error(
              `Expected ${count} matching mail(s); received: ${JSON.stringify(
                messages.map(m => ({ to: m.to, subject: m.subject })),
              )}`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    env: () => ({
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(port),
      ...(options.auth
        ? { SMTP_USER: options.auth.user, SMTP_PASSWORD: options.auth.password }
        : {}),
    }),
    stop: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

type Part = { headers: Record<string, string>; body: string };

function splitPart(raw: string): Part {
  const normalized = raw.replace(/\r\n/g, '\n');
  const end = normalized.indexOf('\n\n');
  const head = end === -1 ? normalized : normalized.slice(0, end);
  const body = end === -1 ? '' : normalized.slice(end + 2);
  const headers: Record<string, string> = {};
  // Folded lines continue the header before them.
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers[name] = decodeWords(line.slice(colon + 1).trim());
  }
  return { headers, body };
}

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`). */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(
      /=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g,
      (_m, _charset, encoding: string, text: string) =>
        encoding.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64').toString('utf8')
          : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const soft = text.replace(/=\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeBody(part: Part): string {
  const encoding = (
    part.headers['content-transfer-encoding'] ?? ''
  ).toLowerCase();
  if (encoding === 'base64') {
    return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString(
      'utf8',
    );
  }
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(part.body);
  return part.body;
}

/** The leaf parts of a (possibly nested) multipart message. */
function leaves(part: Part): Part[] {
  const type = part.headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!type.toLowerCase().startsWith('multipart/') || !boundary) return [part];
  return part.body
    .split(`--${boundary}`)
    .slice(1)
    .filter(chunk => !chunk.startsWith('--'))
    .flatMap(chunk => leaves(splitPart(chunk.replace(/^\n/, ''))));
}

function parseMessage(raw: string) {
  const message = splitPart(raw);
  const parts = leaves(message);
  const bodyOf = (type: string) =>
    parts
      .filter(p =>
        (p.headers['content-type'] ?? 'text/plain')
          .toLowerCase()
          .startsWith(type),
      )
      .map(decodeBody)
      .join('\n')
      .trim();
  return {
    headers: message.headers,
    subject: message.headers.subject ?? '',
    text: bodyOf('text/plain'),
    html: bodyOf('text/html'),
  };
}
