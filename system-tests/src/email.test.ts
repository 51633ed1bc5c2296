/*
 * Email from the whole backend, as production runs it: the email section of
 * app-config.production.yaml, filled from SMTP_* and NOTIFICATIONS_EMAIL_FROM
 * pointing at a real SMTP server the test starts; people signed in through
 * the demo OpenID provider. A requester hears about a status change of their
 * request by mail; the platform team gets the SLA warnings (80 % and
 * breach, exactly once each) from the scheduled check, with SLA targets of
 * a minute so that the clocks run out during the test.
 */
import {
  DemoOidcProvider,
  engines,
  eventually,
  freePort,
  oidcToken,
  PortalProcess,
  repoRoot,
  SmtpTestServer,
  startDemoOidc,
  startPortal,
  startSmtpServer,
  waitForDemoCatalog,
} from '@internal/testing';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

jest.setTimeout(300_000);

const SAM = 'sam.rivera@tidewater.example';
const PRIYA = 'priya.nair@tidewater.example';
const FROM = 'Lodestar <lodestar@tidewater.example>';

/** The production email section, as the file has it (with its ${VAR}s). */
function productionEmailSection() {
  const file = fs.readFileSync(
    path.join(repoRoot, 'app-config.production.yaml'),
    'utf8',
  );
  return parse(file).notifications;
}

type Scenario = {
  smtp?: SmtpTestServer;
  oidc?: DemoOidcProvider;
  portal?: PortalProcess;
};
type EngineScenario = Required<Scenario> & { sam: string; priya: string };

// Every portal of this file starts at once in the first beforeAll (each
// start is seconds of CPU and more of waiting), and the SLA clocks of both
// engines run side by side; afterAll stops whatever did start.
const scenarios: Scenario[] = [];
const onEngine = new Map<string, EngineScenario>();
let smtpDown: Required<Scenario> & { smtpPort: number };

async function startEngineScenario(database: 'sqlite' | 'postgres') {
  const scenario: Scenario = {};
  scenarios.push(scenario);
  const smtp = await startSmtpServer({
    auth: { user: 'lodestar', password: 'smtp-test-password' },
  });
  scenario.smtp = smtp;
  const port = await freePort();
  const oidc = await startDemoOidc({ portalPorts: [port] });
  scenario.oidc = oidc;
  const portal = await startPortal({
    port,
    database,
    env: {
      ...smtp.env(),
      // The test server speaks plain SMTP.
      SMTP_REQUIRE_TLS: 'false',
      NOTIFICATIONS_EMAIL_FROM: FROM,
      LOG_LEVEL: 'info',
    },
    config: {
      ...oidc.portalConfig(),
      notifications: productionEmailSection(),
      platformRequests: {
        // Critical requests: 80 % of triage at 48 s, breach at 60 s; the
        // resolve clock's 80 % (80 s) shows that checks went on after.
        sla: { critical: { triageHours: 1 / 60, resolveHours: 100 / 3600 } },
        slaAlerts: {
          schedule: {
            frequency: { seconds: 2 },
            timeout: { seconds: 30 },
            initialDelay: { seconds: 1 },
          },
        },
      },
    },
  });
  scenario.portal = portal;
  await waitForDemoCatalog(portal.baseUrl);
  onEngine.set(database, {
    smtp,
    oidc,
    portal,
    sam: await oidcToken(portal.baseUrl, 'sam.rivera'),
    priya: await oidcToken(portal.baseUrl, 'priya.nair'),
  });
}

async function startSmtpDownScenario() {
  const scenario: Scenario = {};
  scenarios.push(scenario);
  // Hold the SMTP port while the other servers pick theirs, then let go.
  const placeholder = await startSmtpServer();
  const smtpPort = placeholder.port;
  const port = await freePort();
  const oidc = await startDemoOidc({ portalPorts: [port] });
  scenario.oidc = oidc;
  const email = productionEmailSection();
  // Production waits 30 s before the second attempt; here the wait is
  // short so that the test does not sit idle (the doubling after it stays).
  email.processors.email.retry = { firstDelay: { seconds: 5 } };
  const portal = await startPortal({
    port,
    database: 'sqlite',
    env: {
      // Nothing listens there once the placeholder has stopped.
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtpPort),
      SMTP_REQUIRE_TLS: 'false',
      NOTIFICATIONS_EMAIL_FROM: FROM,
      LOG_LEVEL: 'info',
    },
    config: {
      ...oidc.portalConfig(),
      notifications: email,
    },
  });
  scenario.portal = portal;
  await waitForDemoCatalog(portal.baseUrl);
  await placeholder.stop();
  // The test starts the SMTP server on smtpPort and records it here.
  smtpDown = { ...scenario, smtpPort } as typeof smtpDown;
}

beforeAll(async () => {
  const started = await Promise.allSettled([
    ...engines.map(startEngineScenario),
    startSmtpDownScenario(),
  ]);
  const failed = started.find(s => s.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
});
afterAll(async () => {
  await Promise.all(
    scenarios.map(async ({ portal, oidc, smtp }) => {
      await portal?.stop();
      await oidc?.stop();
      await smtp?.stop();
    }),
  );
  await smtpDown?.smtp?.stop();
});

const api = async (
  { portal }: EngineScenario,
  token: string,
  route: string,
  body?: unknown,
) => {
  const res = await fetch(`${portal.baseUrl}/api/platform-requests${route}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok)
    throw new Error(`${route}: ${res.status} ${JSON.stringify(json)}`);
  return json;
};

const file = (on: EngineScenario, title: string) =>
  api(on, on.sam, '/requests', {
    title,
    description: 'Filed by the email system test.',
    category: 'pain-point',
    urgency: 'critical',
    impact: { peopleAffected: 30, hoursLostPerWeek: 20 },
  });

describe.each(engines)('email notifications in the backend on %s', database => {
  it('mails the requester when the platform team changes the status, with a link back', async () => {
    const on = onEngine.get(database)!;
    const { smtp, portal, priya } = on;
    const request = await file(on, `Status mail on ${database}`);
    await api(on, priya, `/requests/${request.key}/transitions`, {
      to: 'triaged',
      comment: 'On it this week.',
    });
    // The change answered without waiting for SMTP; the mail follows.
    const [mail] = await smtp.waitForMessages(1, m =>
      m.subject.startsWith(`${request.key} is now triaged`),
    );
    expect(mail.to).toEqual([SAM]);
    expect(mail.headers.from).toBe(FROM);
    expect(mail.user).toBe('lodestar');
    expect(mail.subject).toBe(
      `${request.key} is now triaged: Status mail on ${database}`,
    );
    expect(mail.text).toContain('On it this week.');
    expect(mail.text).toContain(`${portal.baseUrl}/requests/${request.key}`);
    expect(mail.html).toContain(
      `href="${portal.baseUrl}/requests/${request.key}"`,
    );
    // Priya made the change: she is not told about it.
    expect(
      smtp.messages.filter(
        m => m.to.includes(PRIYA) && m.subject.includes('is now triaged'),
      ),
    ).toEqual([]);
  });
});

/** One engine's SLA scenario; the engines' clocks run at the same time. */
async function expectSlaWarnings(database: string) {
  const on = onEngine.get(database)!;
  const { smtp, portal, priya } = on;
  const request = await file(on, `SLA mail on ${database}`);
  const about = (m: { subject: string }) =>
    m.subject.startsWith(`${request.key} `);

  // The resolve clock's 80 % comes after the triage breach; once Priya has
  // it, the check has run many times past both triage thresholds.
  await smtp.waitForMessages(
    1,
    m => about(m) && m.to.includes(PRIYA) && m.subject.includes('resolve'),
    150_000,
  );
  const toPriya = smtp.messages
    .filter(m => about(m) && m.to.includes(PRIYA))
    .map(m => m.subject);
  expect(toPriya).toEqual([
    `${request.key} is at 80 % of its triage SLA: SLA mail on ${database}`,
    `${request.key} breached its triage SLA: SLA mail on ${database}`,
    `${request.key} is at 80 % of its resolve SLA: SLA mail on ${database}`,
  ]);
  const breach = smtp.messages.find(
    m => about(m) && m.to.includes(PRIYA) && m.subject.includes('breached'),
  )!;
  expect(breach.text).toContain(`${portal.baseUrl}/requests/${request.key}`);

  // Every member of the platform team got each warning once; Sam, who is
  // not in it, none.
  const members = await eventually(async () => {
    const res = await fetch(
      `${portal.baseUrl}/api/catalog/entities/by-name/group/default/platform-team`,
      { headers: { Authorization: `Bearer ${priya}` } },
    );
    return res.ok ? (await res.json()).relations : undefined;
  });
  const memberCount = members.filter(
    (r: { type: string }) => r.type === 'hasMember',
  ).length;
  const triageWarnings = smtp.messages.filter(
    m => about(m) && m.subject.includes('triage SLA'),
  );
  expect(triageWarnings).toHaveLength(2 * memberCount);
  const perRecipient = new Map<string, number>();
  for (const m of triageWarnings) {
    perRecipient.set(m.to[0], (perRecipient.get(m.to[0]) ?? 0) + 1);
  }
  expect([...perRecipient.values()]).toEqual(new Array(memberCount).fill(2));
  expect(perRecipient.has(SAM)).toBe(false);
}

describe('email notifications in the backend: SLA warnings', () => {
  // The assertions are in expectSlaWarnings, one run per engine.
  // eslint-disable-next-line jest/expect-expect
  it(`warns the platform team once at 80 % and once at the breach of the triage SLA, on ${engines.join(
    ' and ',
  )} side by side`, async () => {
    await Promise.all(engines.map(expectSlaWarnings));
  });
});

describe('email notifications in the backend with the SMTP server down', () => {
  it('changes the status and shows the notification at once, and mails it once the server is back', async () => {
    const { portal, smtpPort } = smtpDown;
    const sam = await oidcToken(portal.baseUrl, 'sam.rivera');
    const priya = await oidcToken(portal.baseUrl, 'priya.nair');
    const call = (token: string, route: string, body?: unknown) =>
      fetch(`${portal.baseUrl}/api${route}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    const filed = await call(sam, '/platform-requests/requests', {
      title: 'Mail while SMTP is down',
      description: 'Filed by the email system test.',
      category: 'pain-point',
      urgency: 'high',
      impact: { peopleAffected: 3, hoursLostPerWeek: 2 },
    });
    expect(filed.status).toBe(201);
    const { key } = await filed.json();
    const moved = await call(
      priya,
      `/platform-requests/requests/${key}/transitions`,
      { to: 'triaged' },
    );
    expect(moved.status).toBe(200);

    const title = `${key} is now triaged: Mail while SMTP is down`;
    const inPortal = await eventually(async () => {
      const res = await call(sam, '/notifications/notifications');
      const body = await res.json();
      return body.notifications?.find((n: any) => n.payload.title === title);
    });
    expect(inPortal.payload.link).toBe(`/requests/${key}`);
    // The first attempt failed; a retry (the first 5 s later, see
    // startSmtpDownScenario) finds the server.
    await eventually(async () =>
      portal.output().includes('(attempt 1) failed, retrying'),
    );
    const smtp = await startSmtpServer({ port: smtpPort });
    smtpDown.smtp = smtp;
    const [mail] = await smtp
      .waitForMessages(1, m => m.subject === title, 90_000)
      .catch(error => {
        const log = portal
          .output()
          .split('\n')
          .filter(line => line.includes('Email'));
        throw new Error(`${error.message}\n${log.join('\n')}`);
      });
    expect(mail.to).toEqual([SAM]);
    expect(mail.text).toContain(`${portal.baseUrl}/requests/${key}`);
  });
});
