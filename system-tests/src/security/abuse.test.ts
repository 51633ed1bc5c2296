/*
 * Abuse of inputs, end to end: the real backend on PostgreSQL, signed in as
 * the guest (priya.nair, platform team, so template dry runs are allowed),
 * attacked through every custom route that takes a
 * body, a path or sort/filter/search parameters, and through the scaffolder
 * with the golden-path templates and a careless test template.
 *
 * Plugin-level tests already pin most single rules down (platform-requests
 * router.test.ts and csvExport.test.ts, platform-kpis router.test.ts, the
 * local-git LocalGitStore and golden-path name tests, RequestMarkdown.test.tsx,
 * goldenPaths.test.ts for `../x` and `a/b` names, goldenPathTemplates.test.ts
 * for template syntax in a dry run on SQLite). Here the same attacks go
 * through the whole stack: Backstage's HTTP router and auth, the real
 * scaffolder, real tasks, real git and PostgreSQL.
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import YAML from 'yaml';
import {
  eventually,
  guestToken,
  PortalProcess,
  repoRoot,
  startPortal,
  waitForDemoCatalog,
} from '@internal/testing';
import { LocalGitStore } from '@internal/plugin-local-git-node';
import { createTask, dryRun, runTemplate } from '../__testUtils__/scaffolder';

/** An absolute path from the file system's root, built, not written out. */
const rootPath = (...parts: string[]) => path.join(path.sep, ...parts);
/** An absolute repository name, outside every workspace. */
const absoluteRepo = path.join(os.tmpdir(), 'lodestar-absolute-repo');

jest.setTimeout(240_000);

const run = promisify(execFile);

const REQUESTS = '/api/platform-requests';
const KPIS = '/api/platform-kpis';
const INGEST_TOKEN = 'local-kpi-ingest-token';
/** BODY_LIMIT in plugins/platform-requests-backend/src/router.ts */
const REQUEST_BODY_LIMIT = 160 * 1024;
/** INGEST_LIMITS in plugins/platform-kpis-common/src/events.ts */
const KPI_BODY_LIMIT = 1024 * 1024;
const KPI_BATCH_MAX = 1000;
const FIXTURE = path.join(__dirname, '../__fixtures__/security-paths');
const FIXTURE_TEMPLATE = 'template:default/security-paths';

/** Parameters that would do something if the scaffolder evaluated them. */
const INJECTED =
  '{{ 6*7 }} ${{ 6*7 }} {% if true %}evaluated{% endif %} {# comment #} ' +
  '${{ parameters.repoName }} {{ range.constructor("return process.pid")() }}';

type Answer = {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: any;
};

/**
 * Plain node:http, so that bodies are sent byte for byte (or chunked, with no
 * Content-Length) and paths exactly as written: fetch would normalise `..`.
 * A dropped connection rejects, which fails the test.
 */
function send(
  baseUrl: string,
  method: string,
  requestPath: string,
  options: {
    body?: string;
    headers?: Record<string, string>;
    chunked?: boolean;
  } = {},
): Promise<Answer> {
  const { hostname, port } = new URL(baseUrl);
  const { body, chunked } = options;
  const headers: Record<string, string> = { ...options.headers };
  if (body !== undefined) {
    headers['Content-Type'] ??= 'application/json';
    if (!chunked) headers['Content-Length'] = String(Buffer.byteLength(body));
  }
  return new Promise((resolve, reject) => {
    const req = http.request(
      { hostname, port, method, path: requestPath, headers },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: any;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            text,
            json,
          });
        });
      },
    );
    req.on('error', reject);
    if (body !== undefined && chunked) {
      const bytes = Buffer.from(body);
      for (let i = 0; i < bytes.length; i += 64 * 1024) {
        req.write(bytes.subarray(i, i + 64 * 1024));
      }
    } else if (body !== undefined) {
      req.write(body);
    }
    req.end();
  });
}

/** A JSON object of exactly `bytes` bytes: `fields` plus `padField` padded with x. */
function sizedJson(
  fields: Record<string, unknown>,
  padField: string,
  bytes: number,
): string {
  const empty = JSON.stringify({ ...fields, [padField]: '' });
  const padding = bytes - Buffer.byteLength(empty);
  if (padding < 0) throw new Error('the fields alone are larger than that');
  const body = JSON.stringify({ ...fields, [padField]: 'x'.repeat(padding) });
  expect(Buffer.byteLength(body)).toBe(bytes);
  return body;
}

/** `{"<key>": <value>, ...rest}` as raw JSON: an object literal would drop __proto__. */
function withRawKey(key: string, value: unknown, rest: object = {}): string {
  const tail = JSON.stringify(rest).slice(1);
  return `{${JSON.stringify(key)}:${JSON.stringify(value)}${
    tail === '}' ? '' : ','
  }${tail}`;
}

/** RFC 4180, enough to read back what the export wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      rows.push([...row, cell]);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

/** The demo catalog's locations plus one extra template. */
function catalogLocations(templateFile: string) {
  const config = YAML.parse(
    fs.readFileSync(path.join(repoRoot, 'app-config.yaml'), 'utf8'),
  );
  return [
    ...config.catalog.locations,
    { type: 'file', target: templateFile, rules: [{ allow: ['Template'] }] },
  ];
}

/**
 * The fixture template, copied so its skeleton can hold symlinks to a
 * folder outside everything (which only exists for this run), one link out
 * by an absolute path, one by climbing, one to the folder itself, and one
 * harmless link inside the skeleton.
 */
function prepareFixture() {
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestar-outside-'));
  const secret = `secret-${crypto.randomUUID()}`;
  fs.writeFileSync(path.join(outside, 'secret.txt'), secret);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestar-fixture-'));
  fs.cpSync(FIXTURE, dir, { recursive: true });
  const skeleton = path.join(dir, 'skeleton');
  const secretFile = path.join(outside, 'secret.txt');
  fs.symlinkSync(secretFile, path.join(skeleton, 'outside-absolute'));
  fs.symlinkSync(
    path.relative(skeleton, secretFile),
    path.join(skeleton, 'outside-relative'),
  );
  fs.symlinkSync(outside, path.join(skeleton, 'outside-dir'));
  fs.symlinkSync('README.md', path.join(skeleton, 'inside-link'));
  return { dir, outside, secret };
}

/** A path that climbs from anywhere (a task's workspace) to `target`. */
const climbTo = (target: string) =>
  `${'../'.repeat(30)}${path.relative('/', target)}`;

const validRequest = {
  title: 'Preview environments per pull request',
  description: 'We wait a day for a shared staging slot.',
  category: 'new-capability',
  urgency: 'high',
  impact: { peopleAffected: 9, hoursLostPerWeek: 12 },
};

describe('abuse of inputs, end to end on PostgreSQL', () => {
  let portal: PortalProcess;
  let user: string;
  let fixture: ReturnType<typeof prepareFixture>;

  const api = (
    method: string,
    requestPath: string,
    body?: unknown,
    headers: Record<string, string> = {},
    token = user,
  ) =>
    send(portal.baseUrl, method, requestPath, {
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: { Authorization: `Bearer ${token}`, ...headers },
    });

  async function fileRequest(fields: Record<string, unknown> = {}) {
    const res = await api('POST', `${REQUESTS}/requests`, {
      ...validRequest,
      ...fields,
    });
    expect([res.status, res.json?.error]).toEqual([201, undefined]);
    return res.json;
  }

  const outsideEntries = () => fs.readdirSync(fixture.outside).sort();

  beforeAll(async () => {
    fixture = prepareFixture();
    portal = await startPortal({
      database: 'postgres',
      config: {
        // A platform-team member: these tests are about inputs, and the
        // template dry runs among them are the template authors'.
        auth: {
          providers: {
            guest: {
              userEntityRef: 'user:default/priya.nair',
              dangerouslyAllowOutsideDevelopment: true,
            },
          },
        },
        catalog: {
          locations: catalogLocations(path.join(fixture.dir, 'template.yaml')),
        },
      },
    });
    await waitForDemoCatalog(portal.baseUrl);
    user = await guestToken(portal.baseUrl);
  });
  afterAll(async () => {
    await portal?.stop();
    for (const dir of [fixture?.dir, fixture?.outside]) {
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('over-size bodies', () => {
    let key: string;
    beforeAll(async () => {
      key = (await fileRequest({ title: 'Body size probe' })).key;
    });

    it.each([
      ['POST', '/requests', validRequest, 'description'],
      ['PATCH', '/requests/:key', {}, 'description'],
      ['POST', '/requests/:key/transitions', { to: 'new' }, 'comment'],
      ['POST', '/requests/:key/comments', {}, 'body'],
      ['POST', '/requests/:key/rating', { score: 5 }, 'comment'],
    ])(
      'platform-requests %s %s: one byte over 160 kB is a 413, at 160 kB the body is read',
      async (method, route, fields, padField) => {
        const url = `${REQUESTS}${route.replace(':key', key)}`;
        const headers = {
          Authorization: `Bearer ${user}`,
          'If-Match': '"1"',
        };
        const atLimit = await send(portal.baseUrl, method, url, {
          body: sizedJson(fields, padField, REQUEST_BODY_LIMIT),
          headers,
        });
        // Read and validated: the padded field is too long for its schema.
        expect(atLimit.status).toBe(400);
        expect(atLimit.json.error.message).toMatch(
          new RegExp(`^${padField}: `),
        );

        const over = sizedJson(fields, padField, REQUEST_BODY_LIMIT + 1);
        for (const chunked of [false, true]) {
          const res = await send(portal.baseUrl, method, url, {
            body: over,
            headers,
            chunked,
          });
          expect([chunked, res.status]).toEqual([chunked, 413]);
          expect(res.json.error.message).toContain(
            'larger than the 160kb limit',
          );
        }
      },
    );

    it('platform-kpis POST /events: over 1 MB or over 1,000 events is a 413, at the limits the batch is read', async () => {
      const headers = { Authorization: `Bearer ${INGEST_TOKEN}` };
      const finishedAt = new Date(Date.now() - 86_400_000).toISOString();
      const event = (id: string) => ({
        id,
        type: 'deployment',
        entityRef: 'component:default/checkout-api',
        environment: 'production',
        status: 'success',
        startedAt: finishedAt,
        finishedAt,
      });
      // One event whose `source` pads the body to the byte.
      const padded = (bytes: number) => {
        const base = JSON.stringify({
          events: [{ ...event('size-1'), source: '' }],
        });
        return base.replace(
          '"source":""',
          `"source":"${'x'.repeat(bytes - Buffer.byteLength(base))}"`,
        );
      };
      const atLimit = await send(portal.baseUrl, 'POST', `${KPIS}/events`, {
        body: padded(KPI_BODY_LIMIT),
        headers,
      });
      expect(atLimit.status).toBe(400);
      expect(atLimit.json.error.message).toMatch(/^events\[0\]\.source: /);
      for (const chunked of [false, true]) {
        const over = await send(portal.baseUrl, 'POST', `${KPIS}/events`, {
          body: padded(KPI_BODY_LIMIT + 1),
          headers,
          chunked,
        });
        expect([chunked, over.status]).toEqual([chunked, 413]);
        expect(over.json.error.message).toContain('larger than 1048576 bytes');
      }

      const batch = (n: number) =>
        JSON.stringify({
          events: Array.from({ length: n }, (_, i) => event(`batch-${n}-${i}`)),
        });
      const tooMany = await send(portal.baseUrl, 'POST', `${KPIS}/events`, {
        body: batch(KPI_BATCH_MAX + 1),
        headers,
      });
      expect(tooMany.status).toBe(413);
      expect(tooMany.json.error.message).toContain('1001 events');
      // The catalog may still be loading checkout-api into the KPI plugin.
      const full = await eventually(async () => {
        const res = await send(portal.baseUrl, 'POST', `${KPIS}/events`, {
          body: batch(KPI_BATCH_MAX),
          headers,
        });
        return res.status === 200 && res;
      });
      expect(
        full.json.results.filter((r: any) => r.status === 'rejected'),
      ).toEqual([]);
    });
  });

  describe('prototype pollution', () => {
    let probe: any;
    beforeAll(async () => {
      probe = await fileRequest({ title: 'Pollution probe' });
    });

    const polluted = { polluted: 'yes', status: 'done', title: 'Polluted' };

    it.each([
      [
        'POST /requests, __proto__',
        'POST',
        '/requests',
        () => withRawKey('__proto__', polluted, validRequest),
        '__proto__: unknown field',
      ],
      [
        'POST /requests, constructor.prototype',
        'POST',
        '/requests',
        () => withRawKey('constructor', { prototype: polluted }, validRequest),
        'constructor: unknown field',
      ],
      [
        'POST /requests, prototype',
        'POST',
        '/requests',
        () => withRawKey('prototype', polluted, validRequest),
        'prototype: unknown field',
      ],
      [
        'POST /requests, nested in impact',
        'POST',
        '/requests',
        () =>
          JSON.stringify({ ...validRequest, impact: '$IMPACT' }).replace(
            '"$IMPACT"',
            withRawKey('__proto__', polluted, validRequest.impact),
          ),
        'impact.__proto__: unknown field',
      ],
      [
        'PATCH /requests/:key',
        'PATCH',
        '/requests/:key',
        () => withRawKey('__proto__', polluted),
        '__proto__: unknown field',
      ],
      [
        'POST transitions',
        'POST',
        '/requests/:key/transitions',
        () => withRawKey('__proto__', polluted, { to: 'new' }),
        '__proto__: unknown field',
      ],
      [
        'POST comments',
        'POST',
        '/requests/:key/comments',
        () => withRawKey('__proto__', polluted, { body: 'hello' }),
        '__proto__: unknown field',
      ],
      [
        'POST rating',
        'POST',
        '/requests/:key/rating',
        () => withRawKey('constructor', { prototype: polluted }, { score: 5 }),
        'constructor: unknown field',
      ],
    ])(
      'refuses %s with a 400 naming the key',
      async (_, method, route, body, message) => {
        const res = await send(
          portal.baseUrl,
          method,
          `${REQUESTS}${route.replace(':key', probe.key)}`,
          {
            body: body(),
            headers: { Authorization: `Bearer ${user}`, 'If-Match': '"1"' },
          },
        );
        expect(res.status).toBe(400);
        expect(res.json.error.message).toContain(message);
      },
    );

    it('refuses __proto__ and constructor keys in a KPI batch and in its events', async () => {
      const headers = { Authorization: `Bearer ${INGEST_TOKEN}` };
      const event = {
        id: 'pollution-1',
        type: 'deployment',
        entityRef: 'component:default/checkout-api',
        environment: 'production',
        status: 'success',
        startedAt: '2026-01-01T00:00:00Z',
        finishedAt: '2026-01-01T00:01:00Z',
      };
      const batch = await send(portal.baseUrl, 'POST', `${KPIS}/events`, {
        body: withRawKey('__proto__', polluted, { events: [event] }),
        headers,
      });
      expect(batch.status).toBe(400);
      expect(batch.json.error.message).toMatch(/^__proto__: unknown field/);
      for (const key of ['__proto__', 'constructor']) {
        const item = await send(portal.baseUrl, 'POST', `${KPIS}/events`, {
          body: `{"events":[${withRawKey(key, polluted, event)}]}`,
          headers,
        });
        expect(item.status).toBe(400);
        expect(item.json.results).toEqual([
          {
            id: 'pollution-1',
            status: 'rejected',
            error: `events[0]: Unrecognized key: "${key}"`,
          },
        ]);
      }
    });

    it('ignores __proto__ in query strings and refuses constructor with a 400', async () => {
      for (const route of [`${REQUESTS}/requests`, `${KPIS}/flow`]) {
        const ignored = await api('GET', `${route}?__proto__[polluted]=yes`);
        expect([route, ignored.status]).toEqual([route, 200]);
        expect(ignored.text).not.toContain('polluted');
        const refused = await api(
          'GET',
          `${route}?constructor[prototype][polluted]=yes`,
        );
        expect([route, refused.status]).toEqual([route, 400]);
        expect(refused.json.error.message).toBe(
          'constructor: unknown parameter',
        );
      }
    });

    it('leaves no injected property behind', async () => {
      const read = await api('GET', `${REQUESTS}/requests/${probe.key}`);
      expect(read.json).toEqual(probe);
      const fresh = await fileRequest({
        title: 'After the pollution attempts',
      });
      expect(Object.keys(fresh).sort()).toEqual(Object.keys(probe).sort());
      expect(fresh.status).toBe('new');
      for (const route of [
        `${REQUESTS}/requests?limit=100`,
        `${REQUESTS}/config`,
        `${REQUESTS}/requests/${fresh.key}/timeline`,
        `${KPIS}/events?service=component:default/checkout-api`,
      ]) {
        const res = await api('GET', route);
        expect([route, res.status]).toEqual([route, 200]);
        expect(res.text).not.toMatch(/polluted/i);
      }
    });
  });

  describe('SQL in sort, filter, search and cursor parameters', () => {
    let sqlTitled: any;
    let plain: any;
    let eventsBefore: any[];
    beforeAll(async () => {
      sqlTitled = await fileRequest({
        title: "Robert'); DROP TABLE requests;-- builds fail",
        category: 'tooling-bug',
      });
      plain = await fileRequest({ title: 'Flaky integration environment' });
      const events = await api(
        'GET',
        `${KPIS}/events?service=component:default/checkout-api&limit=100`,
      );
      eventsBefore = events.json.items;
    });

    const forged = Buffer.from(
      JSON.stringify({ s: '-priority', v: '1 OR 1=1', i: 1 }),
    ).toString('base64url');

    // Every parameter here is an enum, an entity reference, a number, a flag,
    // a time zone, a timestamp or an opaque cursor: anything else is a 400
    // that names it, and nothing reaches SQL as text.
    it.each([
      [`${REQUESTS}/requests?sort=name%20desc%3B%20--`, 'sort'],
      [
        `${REQUESTS}/requests?sort=-priority%3B%20DROP%20TABLE%20requests`,
        'sort',
      ],
      [`${REQUESTS}/requests?sort=title`, 'sort'],
      [`${REQUESTS}/requests?status=new'%20OR%20'1'%3D'1`, 'status.0'],
      [`${REQUESTS}/requests?category=access'%20OR%201%3D1%20--`, 'category'],
      [`${REQUESTS}/requests?team=group:default/x'%20OR%201%3D1`, 'team.0'],
      [
        `${REQUESTS}/requests?assignee=user:default/x'%3B%20DROP%20TABLE%20requests%3B%20--`,
        'assignee.0',
      ],
      [
        `${REQUESTS}/requests?entity=component:default/x'%20UNION%20SELECT%20*%20FROM%20requests%20--`,
        'entity',
      ],
      [`${REQUESTS}/requests?cursor='%20OR%201%3D1%20--`, 'cursor'],
      [`${REQUESTS}/requests?cursor=${forged}`, 'cursor'],
      [`${REQUESTS}/requests?limit=1%20OR%201%3D1`, 'limit'],
      [`${REQUESTS}/requests?mine=true'%20OR%20'1'%3D'1`, 'mine'],
      [
        `${REQUESTS}/requests?breached=1%3B%20DROP%20TABLE%20requests`,
        'breached',
      ],
      [`${REQUESTS}/requests?orderBy=id`, 'orderBy'],
      [`${REQUESTS}/export?sort=1%3BDROP%20TABLE%20requests`, 'sort'],
      [`${REQUESTS}/export?status=done'--`, 'status.0'],
      [`${REQUESTS}/export?cursor=${forged}`, 'cursor'],
      [`${REQUESTS}/suggestions?title=abc&limit=5%3BDROP`, 'limit'],
      [`${KPIS}/dora?window=7d%3B%20DROP%20TABLE%20events`, 'window'],
      [`${KPIS}/dora?tz=UTC'%3B%20DROP%20TABLE%20events%3B--`, 'tz'],
      [`${KPIS}/dora?team=group:default/x'%20OR%20'1'%3D'1`, 'team'],
      [`${KPIS}/dora?service=component:default/x'%20OR%201%3D1`, 'service'],
      [`${KPIS}/dora?until=2026-01-01T00:00:00Z'%20OR%201%3D1`, 'until'],
      [`${KPIS}/dora?include=previous%3BDROP`, 'include.0'],
      [`${KPIS}/dora?sort=name%20desc%3B%20--`, 'sort'],
      [`${KPIS}/flow?team=group:default/x')%3B--`, 'team'],
      [`${KPIS}/adoption?window=1%20or%201=1`, 'window'],
      [`${KPIS}/catalog-health?tz='%3B--`, 'tz'],
      [`${KPIS}/events?service=checkout-api'%20OR%20'1'%3D'1`, 'service'],
      [
        `${KPIS}/events?service=component:default/checkout-api&type=deployment'%20OR%201%3D1`,
        'type',
      ],
      [
        `${KPIS}/events?service=component:default/checkout-api&limit=1%20OR%201%3D1`,
        'limit',
      ],
      [`${KPIS}/events?service=component:default/checkout-api&q=x`, 'q'],
    ])('GET %s is a 400 naming %s', async (url, param) => {
      const res = await api('GET', url);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json.error.message.startsWith(`${param}:`)).toBe(true);
    });

    // q and the suggestion title are free text by design: searched for as
    // text, never run.
    it.each([
      ['DROP TABLE requests', ['sqlTitled']],
      ["Robert'); DROP", ['sqlTitled']],
      ["' OR '1'='1", []],
      ["%' OR 1=1 --", []],
      ['%', []],
      ['_', []],
      ['flaky integration', ['plain']],
    ])('q=%j is searched for as text', async (q, expected) => {
      const res = await api(
        'GET',
        `${REQUESTS}/requests?mine=true&limit=100&q=${encodeURIComponent(q)}`,
      );
      expect(res.status).toBe(200);
      const mine = { sqlTitled: sqlTitled.key, plain: plain.key };
      const found = res.json.items
        .map((r: any) => r.key)
        .filter((k: string) => Object.values(mine).includes(k));
      expect(found).toEqual(expected.map(n => mine[n as keyof typeof mine]));
    });

    it('suggests by a title with SQL in it as text', async () => {
      const res = await api(
        'GET',
        `${REQUESTS}/suggestions?title=${encodeURIComponent(
          "Robert'); DROP TABLE requests;--",
        )}`,
      );
      expect(res.status).toBe(200);
      expect(res.json.items.map((r: any) => r.key)).toContain(sqlTitled.key);
    });

    it('still has every table and row afterwards', async () => {
      for (const request of [sqlTitled, plain]) {
        const res = await api('GET', `${REQUESTS}/requests/${request.key}`);
        expect(res.json.title).toBe(request.title);
      }
      const events = await api(
        'GET',
        `${KPIS}/events?service=component:default/checkout-api&limit=100`,
      );
      expect(events.json.items).toEqual(eventsBefore);
    });
  });

  describe('Markdown and HTML', () => {
    // Rendering is the frontend's business (RequestMarkdown.test.tsx and
    // RequestPage.hostile.test.tsx render these with the real components);
    // the API keeps them as data and only ever answers JSON.
    const hostile = {
      title: '<script>alert(1)</script> <img src=x onerror=alert(1)> builds',
      description: [
        '<script>window.__pwned = 1</script>',
        '<img src="x" onerror="window.__pwned = 1">',
        '[click](javascript:window.__pwned=1)',
        '<a href="javascript:alert(1)">html link</a>',
        '<svg onload="alert(1)"></svg> <iframe src="javascript:alert(1)"></iframe>',
      ].join('\n\n'),
    };
    const comment =
      '<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>';

    it('stores hostile titles, descriptions and comments exactly, and answers JSON', async () => {
      const created = await fileRequest(hostile);
      const read = await api('GET', `${REQUESTS}/requests/${created.key}`);
      expect(read.json.title).toBe(hostile.title);
      expect(read.json.description).toBe(hostile.description);
      const posted = await api(
        'POST',
        `${REQUESTS}/requests/${created.key}/comments`,
        { body: comment },
      );
      expect(posted.status).toBe(201);
      const comments = await api(
        'GET',
        `${REQUESTS}/requests/${created.key}/comments`,
      );
      expect(comments.json.items.map((c: any) => c.body)).toEqual([comment]);
      for (const res of [read, posted, comments]) {
        expect(res.headers['content-type']).toBe(
          'application/json; charset=utf-8',
        );
        expect(res.headers['x-content-type-options']).toBe('nosniff');
      }
    });

    it('answers errors that echo input as JSON too', async () => {
      const res = await api(
        'GET',
        `${REQUESTS}/requests?category=${encodeURIComponent(
          '<script>alert(1)</script>',
        )}`,
      );
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    });
  });

  describe('CSV export', () => {
    it('neutralises cells that would start a formula, and is a download', async () => {
      const titles = [
        '=HYPERLINK("http://evil.example","click")',
        '+cmd|" /C calc"!A0',
        '-2+3',
        '@SUM(A1:A9)',
        '\t=1+1',
        '\r=1+1',
      ];
      const descriptions = ['=cmd', '\t=cmd', '\r=cmd', 'plain'];
      const keys: string[] = [];
      for (const title of titles) {
        keys.push(
          (await fileRequest({ title, category: 'documentation' })).key,
        );
      }
      for (const description of descriptions) {
        keys.push(
          (
            await fileRequest({
              title: 'Control',
              category: 'documentation',
              description,
            })
          ).key,
        );
      }
      const res = await api(
        'GET',
        `${REQUESTS}/export?format=csv&mine=true&category=documentation&sort=created`,
      );
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="platform-requests.csv"',
      );
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.text.startsWith('\uFEFF')).toBe(true);

      const [header, ...rows] = parseCsv(res.text.slice(1));
      const column = (name: string) => header.indexOf(name);
      const ours = rows.filter(r => keys.includes(r[column('key')]));
      expect(ours.map(r => r[column('key')])).toEqual(keys);
      // Titles are trimmed on the way in, so a leading tab or CR is gone
      // and the = behind it is what gets neutralised.
      expect(ours.slice(0, titles.length).map(r => r[column('title')])).toEqual(
        [
          '\'=HYPERLINK("http://evil.example","click")',
          '\'+cmd|" /C calc"!A0',
          "'-2+3",
          "'@SUM(A1:A9)",
          "'=1+1",
          "'=1+1",
        ],
      );
      expect(
        ours.slice(titles.length).map(r => r[column('description')]),
      ).toEqual(["'=cmd", "'\t=cmd", "'\r=cmd", 'plain']);
      // No cell of any row starts a formula.
      for (const row of rows) {
        for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      }
    });
  });

  describe('local-git paths', () => {
    let store: LocalGitStore;
    let canary: string;
    beforeAll(async () => {
      store = new LocalGitStore(path.join(portal.tempDir, 'git'));
      const source = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestar-src-'));
      fs.writeFileSync(path.join(source, 'README.md'), '# path probe\n');
      fs.writeFileSync(
        path.join(source, 'index.html'),
        '<script>window.__pwned = 1</script>\n',
      );
      await store.publish({
        name: 'path-probe',
        sourceDir: source,
        author: { name: 'Sam Rivera', email: 'sam@example.com' },
        message: 'Initial commit',
        description: '<script>alert(1)</script>',
      });
      fs.rmSync(source, { recursive: true, force: true });
      // Next to the repositories' folder: where ../ from a repository leads.
      canary = path.join(portal.tempDir, 'secret.txt');
      fs.writeFileSync(canary, fixture.secret);
    });

    const repo = '/api/local-git/repos/path-probe';
    // Where a git option smuggled into a path would write.
    const pwned = path.join(os.tmpdir(), 'lodestar-pwned');

    // Unauthenticated, like a git client: these routes are public.
    it.each([
      [`${repo}.git/../../secret.txt`, 403],
      [`${repo}.git/..%2F..%2Fsecret.txt`, 403],
      [`${repo}.git/%2e%2e/%2e%2e/secret.txt`, 403],
      [`${repo}.git/..%5c..%5csecret.txt`, 403],
      [`${repo}.git/%2Fetc%2Fpasswd`, 404],
      [`${repo}.git/nothing-here`, 404],
      [`${repo}.git/HEAD%00.txt`, 400],
      [`${repo}/blob/main/..%2F..%2Fsecret.txt`, 404],
      [`${repo}/blob/main/%2Fetc%2Fpasswd`, 404],
      [`${repo}/blob/main/README.md%00.txt`, 400],
      [`${repo}/tree/main/a%00b`, 400],
      [`${repo}/blob/..%2F..%2Fsecret.txt/x`, 404],
      [`${repo}/blob/--output=${encodeURIComponent(pwned)}/README.md`, 404],
      ['/api/local-git/repos/..%2Fpath-probe/blob/main/README.md', 404],
      ['/api/local-git/repos/path-probe%2F..%2F..%2Fsecret/blob/main/x', 404],
      [`${repo}/blob/main/%E0%A4%A`, 400],
    ])(
      'GET %s is a %i that shows no file outside the repository',
      async (url, status) => {
        const res = await send(portal.baseUrl, 'GET', url);
        expect(res.status).toBe(status);
        expect(res.text).not.toContain(fixture.secret);
        expect(res.text).not.toContain('root:');
        // Nor where the data lives on this machine.
        expect(res.text).not.toContain(portal.tempDir);
        expect(fs.existsSync(pwned)).toBe(false);
      },
    );

    it('lists only the repository’s own files, however a folder climbs', async () => {
      const res = await send(
        portal.baseUrl,
        'GET',
        `${repo}/tree/main/..%2F..%2F..`,
      );
      expect(res.status).toBe(200);
      expect(res.text).toBe('README.md\nindex.html\n');
    });

    it('serves HTML in a repository as text, never as a page', async () => {
      const blob = await send(
        portal.baseUrl,
        'GET',
        `${repo}/blob/main/index.html`,
      );
      expect(blob.status).toBe(200);
      expect(blob.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(blob.headers['x-content-type-options']).toBe('nosniff');
      expect(blob.text).toBe('<script>window.__pwned = 1</script>\n');
      const description = await send(
        portal.baseUrl,
        'GET',
        `${repo}.git/description`,
      );
      expect(description.status).toBe(200);
      expect(description.headers['content-type']).not.toMatch(/html/);
      expect(description.headers['x-content-type-options']).toBe('nosniff');
    });
  });

  describe('scaffolder: paths in template parameters', () => {
    let store: LocalGitStore;
    let reposBefore: string[];
    beforeAll(async () => {
      store = new LocalGitStore(path.join(portal.tempDir, 'git'));
      await eventually(async () => {
        const res = await api(
          'GET',
          '/api/catalog/entities/by-name/template/default/security-paths',
        );
        return res.status === 200;
      });
    });
    beforeEach(async () => {
      reposBefore = await store.list();
    });
    /** Runs the fixture; nothing may reach the folder its links and climbs aim at. */
    async function runFixture(values: Record<string, unknown>) {
      const result = await runTemplate(portal.baseUrl, user, FIXTURE_TEMPLATE, {
        fileName: 'note.txt',
        text: 'plain',
        ...values,
      });
      expect(outsideEntries()).toEqual(['secret.txt']);
      expect(
        fs.readFileSync(path.join(fixture.outside, 'secret.txt'), 'utf8'),
      ).toBe(fixture.secret);
      return result;
    }

    it.each([
      ['climbs out', '../../etc'],
      ['is encoded', '..%2F..%2Fetc'],
      ['is absolute', absoluteRepo],
      ['climbs inside a name', 'abc/../../../etc'],
      ['is template syntax', '${{ parameters.fileName }}'],
    ])(
      'publish:lodestar refuses a repository name that %s and creates nothing',
      async (_, repoName) => {
        // Were the name evaluated, it would be this valid one.
        const result = await runFixture({
          repoName,
          fileName: 'evaluated-name',
        });
        expect(result.status).toBe('failed');
        expect(result.error?.message).toMatch(/^repoName (must|use) /);
        expect(await store.list()).toEqual(reposBefore);
        expect(fs.readdirSync(portal.tempDir).sort()).not.toContain('etc.git');
        expect(fs.existsSync(`${absoluteRepo}.git`)).toBe(false);
        expect(fs.existsSync(absoluteRepo)).toBe(false);
      },
    );

    it.each([
      ['a file name that climbs out', { fileName: 'CLIMB/pwned.txt' }],
      ['a target path that climbs out', { targetPath: 'CLIMB' }],
      ['an absolute target path', { targetPath: 'OUTSIDE' }],
    ])('fetch:template refuses %s and writes nothing', async (_, values) => {
      const resolved = Object.fromEntries(
        Object.entries(values).map(([k, v]) => [
          k,
          v
            .replace('CLIMB', climbTo(fixture.outside))
            .replace('OUTSIDE', fixture.outside),
        ]),
      );
      const result = await runFixture({ repoName: 'climb-probe', ...resolved });
      expect(result.status).toBe('failed');
      expect(result.error?.message).toBe(
        'Relative path is not allowed to refer to a directory outside its parent',
      );
      expect(await store.list()).toEqual(reposBefore);
    });

    it('skips a file whose name is an absolute path, and an encoded climb stays a name', async () => {
      const absolute = await runFixture({
        repoName: 'absolute-file-probe',
        fileName: path.join(fixture.outside, 'pwned.txt'),
      });
      expect(absolute.status).toBe('completed');
      expect(await store.listFiles('absolute-file-probe', 'main')).toEqual([
        'README.md',
        'catalog-info.yaml',
        'inside-link',
      ]);

      const encoded = await runFixture({
        repoName: 'encoded-file-probe',
        fileName: '..%2F..%2Fpwned.txt',
      });
      expect(encoded.status).toBe('completed');
      expect(await store.listFiles('encoded-file-probe', 'main')).toContain(
        'notes/..%2F..%2Fpwned.txt',
      );
    });

    it('publishes links inside the skeleton, drops links out of it, and renders parameters as text', async () => {
      const result = await runFixture({
        repoName: 'symlink-probe',
        fileName: '{{ 6*7 }}.txt',
        text: INJECTED,
      });
      expect(result.error).toBeUndefined();
      expect(result.status).toBe('completed');

      const { stdout } = await run('git', [
        '--git-dir',
        store.repoPath('symlink-probe'),
        'ls-tree',
        '-r',
        'main',
      ]);
      const tree = stdout
        .trim()
        .split('\n')
        .map(line => {
          const [meta, file] = line.split('\t');
          return `${meta.split(' ')[0]} ${file}`;
        });
      expect(tree).toEqual([
        '100644 README.md',
        '100644 catalog-info.yaml',
        '120000 inside-link',
        '100644 notes/{{ 6*7 }}.txt',
      ]);
      const read = async (file: string) =>
        (await store.readFile('symlink-probe', 'main', file)).toString('utf8');
      expect(await read('inside-link')).toBe('README.md');
      expect(await read('README.md')).toBe(`Text: ${INJECTED}\n`);
      expect(await read('notes/{{ 6*7 }}.txt')).toBe(`${INJECTED}\n`);
      expect(YAML.parse(await read('catalog-info.yaml')).metadata).toEqual({
        name: 'symlink-probe',
        description: INJECTED,
      });
      expect(
        fs.readFileSync(
          path.join(store.repoPath('symlink-probe'), 'description'),
          'utf8',
        ),
      ).toBe(`${INJECTED}\n`);
      expect(result.output.text[0].content).toBe(INJECTED);
      const everything = await Promise.all(
        tree.map(line => read(line.split(' ').slice(1).join(' '))),
      );
      expect(everything.join('\n')).not.toContain(fixture.secret);
    });
  });

  describe('scaffolder: the golden-path templates', () => {
    const common = {
      description: 'Probe',
      owner: 'group:default/checkout-team',
      system: 'system:default/storefront',
      lifecycle: 'experimental',
    };
    /** Template, its own parameters, whether it publishes. */
    const templates: Array<[string, Record<string, unknown>, boolean]> = [
      ['typescript-service', { database: false, port: 8080 }, true],
      ['react-web-app', { routerExample: true }, true],
      ['scheduled-job', { schedule: '*/15 * * * *' }, true],
      ['catalog-info', {}, false],
    ];

    it.each(
      templates.flatMap(([template, extra]) =>
        [
          '../../etc',
          '..%2F..%2Fetc',
          rootPath('etc', 'passwd'),
          'C:\\Windows',
        ].map(name => [template, name, extra] as const),
      ),
    )(
      '%s refuses the name %j with a 400 naming the field',
      async (template, name, extra) => {
        const res = await createTask(
          portal.baseUrl,
          user,
          `template:default/${template}`,
          { ...common, ...extra, name },
        );
        expect(res.status).toBe(400);
        const body = await res.json();
        expect(body.errors.map((e: any) => e.path.join('.'))).toContain('name');
      },
    );

    // owner and system are free text to the API (the form offers pickers).
    // They used to be pasted into catalog-info.yaml as YAML, so a newline
    // could add fields or whole entities to what gets registered.
    const owner = 'group:default/checkout-team\n  injected: owner';
    const system = 'system:default/storefront\n  injected: system';
    const injectedValues = (extra: Record<string, unknown>) => ({
      ...common,
      ...extra,
      name: 'inject-probe',
      owner,
      system,
    });

    it.each(templates.filter(([, , publishes]) => publishes))(
      '%s keeps owner and system text, so publishing finds no such owner',
      async (template, extra) => {
        const { status, body } = await dryRun(
          portal.baseUrl,
          user,
          template,
          injectedValues(extra),
        );
        // Injected YAML would have left a valid owner and passed (200).
        expect(status).toBe(400);
        expect(body.error.message).toContain(
          `owner ${owner} does not exist in the catalog`,
        );
      },
    );

    it('catalog-info writes owner and system into catalog-info.yaml as text, not as YAML', async () => {
      const { status, files } = await dryRun(
        portal.baseUrl,
        user,
        'catalog-info',
        injectedValues({}),
      );
      expect(status).toBe(200);
      const file = files.find(f => f.path === 'catalog-info.yaml')!;
      const docs = YAML.parseAllDocuments(file.content);
      expect(docs.map(d => d.errors)).toEqual([[]]);
      const spec = docs[0].toJS().spec;
      expect(spec.owner).toBe(owner);
      expect(spec.system).toBe(system);
      expect(spec.injected).toBeUndefined();
    });
  });
});
