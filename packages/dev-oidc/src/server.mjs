#!/usr/bin/env node
/*
 * DEMO ONLY: a real OpenID Connect provider (the `oidc-provider` package) with
 * a few demo people, so that the portal's OIDC sign-in can be used and tested
 * with several users on one machine. It runs as its own process, like a real
 * identity provider would: `npm start -- --users` starts it next to the
 * portal, and the tests start it through @internal/harness (startDemoOidc).
 *
 *   node server.mjs --port 7008 --redirect-uri http://localhost:7007/api/auth/oidc/handler/frame
 *
 * `--people <file.json>` replaces the demo people with the file's (an array
 * of { id, name, email, role? }), so a test can sign in people of its own,
 * e.g. the people of a test LDAP directory.
 *
 * The login page lists the demo people; choosing one signs in as them, with
 * no password. Never expose it beyond localhost.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { parseArgs } from 'node:util';
import Provider from 'oidc-provider';
// The library's own in-memory store (no `exports` map, so the path is public).
import MemoryAdapter from 'oidc-provider/lib/adapters/memory_adapter.js';
import { demoUsers, demoClient } from './users.mjs';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: '7008' },
    'redirect-uri': { type: 'string', multiple: true, default: [] },
    people: { type: 'string' },
  },
});
const port = Number(args.port);
const issuer = `http://localhost:${port}`;
const redirectUris = args['redirect-uri'].length
  ? args['redirect-uri']
  : ['http://localhost:7007/api/auth/oidc/handler/frame'];

const people = args.people
  ? JSON.parse(fs.readFileSync(args.people, 'utf8'))
  : demoUsers;
if (
  !Array.isArray(people) ||
  !people.every(p => p && typeof p.id === 'string' && p.email)
) {
  console.error(`--people: expected an array of { id, name, email }`);
  process.exit(2);
}
const usersById = new Map(people.map(user => [user.id, user]));

// A fresh signing key per run: sessions do not need to survive a restart.
const { privateKey } = crypto.generateKeyPairSync('rsa', {
  modulusLength: 2048,
});
const signingKey = {
  ...privateKey.export({ format: 'jwk' }),
  use: 'sig',
  alg: 'RS256',
};

// Forgetting every session at exit is what the demo provider wants, so its
// in-memory store is chosen here on purpose; the library warns at every start
// only when it falls back to that store by default.
class DemoSessionStore extends MemoryAdapter {}

const provider = new Provider(issuer, {
  adapter: DemoSessionStore,
  clients: [
    {
      client_id: demoClient.clientId,
      client_secret: demoClient.clientSecret,
      redirect_uris: redirectUris,
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'preferred_username'],
  },
  async findAccount(_ctx, id) {
    const user = usersById.get(id);
    if (!user) return undefined;
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          email: user.email,
          // Backstage's OIDC module only takes verified emails.
          email_verified: true,
          name: user.name,
          preferred_username: id,
        };
      },
    };
  },
  // The portal is a first-party client: no consent screen, and a refresh
  // token without asking for offline_access (Backstage refreshes sessions).
  async loadExistingGrant(ctx) {
    const grantId =
      ctx.oidc.result?.consent?.grantId ??
      ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile offline_access');
    await grant.save();
    return grant;
  },
  async issueRefreshToken(_ctx, client) {
    return client.grantTypeAllowed('refresh_token');
  },
  interactions: {
    url: (_ctx, interaction) => `/interaction/${interaction.uid}`,
  },
  features: { devInteractions: { enabled: false } },
  ttl: { Session: 8 * 3600, Grant: 8 * 3600 },
});
// Plain http on localhost.
provider.proxy = true;

const escape = text =>
  String(text).replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);

function loginPage(uid) {
  const buttons = people
    .map(
      user => `<li><button name="user" value="${escape(user.id)}">
        <strong>${escape(user.name ?? user.id)}</strong> <span>${escape(
        user.role ?? '',
      )}</span>
        <small>${escape(user.email)}</small></button></li>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Lodestar demo sign-in</title>
<style>
 body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;color:#1a1a1a}
 .demo{background:#fff4d6;border:1px solid #e0b84c;padding:.5rem .75rem;border-radius:4px}
 ul{list-style:none;padding:0} li{margin:.5rem 0}
 button{width:100%;text-align:left;padding:.75rem;border:1px solid #bbb;border-radius:6px;background:#fff;cursor:pointer;font-size:1rem}
 button:hover{background:#f2f6ff} span{color:#555} small{display:block;color:#777}
</style></head><body>
<h1>Sign in to Lodestar</h1>
<p class="demo"><strong>Demo identity provider.</strong> For trying the portal
on this machine with several people; production signs in through your
company's OpenID Connect provider.</p>
<form method="post" action="/interaction/${escape(uid)}/login"><ul>
${buttons}
</ul></form></body></html>`;
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10_000) throw new Error('form too large');
  }
  return new URLSearchParams(body);
}

async function handleInteraction(req, res) {
  const [, , uid, action] = req.url.split('?')[0].split('/');
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('interaction does not match');
  if (req.method === 'GET' && !action) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(loginPage(uid));
    return;
  }
  if (req.method === 'POST' && action === 'login') {
    const accountId = (await readForm(req)).get('user');
    if (!accountId || !usersById.has(accountId)) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(`user: unknown demo user ${accountId ?? '(none)'}`);
      return;
    }
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId } },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  res.writeHead(404).end();
}

const handleOidc = provider.callback();
const server = http.createServer((req, res) => {
  if (req.url.startsWith('/interaction/')) {
    handleInteraction(req, res).catch(error => {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(`sign-in failed: ${error.message}`);
    });
    return;
  }
  handleOidc(req, res);
});
server.listen(port, '127.0.0.1', () => {
  // The tests and `npm start -- --users` wait for this line.
  console.log(`Demo OpenID provider listening on ${issuer}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
