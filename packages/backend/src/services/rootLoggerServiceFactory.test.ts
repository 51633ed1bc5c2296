/*
 * The root logger's format follows the terminal, not NODE_ENV alone; it keeps
 * upstream's redaction; and the embedded default's config hides the warnings
 * that are noise on a laptop while production's keeps them.
 */
import { HostDiscovery } from '@backstage/backend-defaults/discovery';
import { ConfigReader } from '@backstage/config';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { transports } from 'winston';
import YAML from 'yaml';
import {
  chooseLogFormat,
  createRootLogger,
  LogFormat,
} from './rootLoggerServiceFactory';

const repoRoot = path.resolve(__dirname, '../../../..');

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, transport: new transports.Stream({ stream }) };
}

async function loggerFor(config: object, format: LogFormat = 'json') {
  const out = capture();
  const logger = await createRootLogger(new ConfigReader(config), {
    format,
    transport: out.transport,
  });
  // What the logger said about itself (the secrets it redacts) is not under test.
  out.lines.length = 0;
  return { logger, lines: out.lines };
}

/** `backend` of an app-config file in the repository root. */
function backendConfig(file: string) {
  const yaml = YAML.parse(fs.readFileSync(path.join(repoRoot, file), 'utf8'));
  return { ...yaml.backend, baseUrl: 'http://localhost:7007' };
}

describe('chooseLogFormat', () => {
  it.each([
    ['production', true, 'readable'],
    ['production', false, 'json'],
    ['production', undefined, 'json'],
    ['development', false, 'readable'],
    [undefined, undefined, 'readable'],
  ] as const)(
    'NODE_ENV=%p, stdout a terminal: %p → %p',
    (nodeEnv, stdoutIsTTY, expected) => {
      expect(chooseLogFormat({ nodeEnv, stdoutIsTTY })).toBe(expected);
    },
  );
});

describe('createRootLogger', () => {
  it('writes one JSON object per line in the json format', async () => {
    const { logger, lines } = await loggerFor({});
    logger.child({ plugin: 'catalog' }).info('hello', { n: 1 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toEqual({
      level: 'info',
      message: 'hello',
      n: 1,
      plugin: 'catalog',
      service: 'backstage',
      timestamp: expect.any(String),
    });
  });

  it("writes Backstage's development lines in the readable format", async () => {
    const { logger, lines } = await loggerFor({}, 'readable');
    logger.child({ plugin: 'catalog' }).info('hello', { n: 1 });
    expect(lines).toHaveLength(1);
    // Colour codes aside: time, plugin, level, message, fields.
    // eslint-disable-next-line no-control-regex
    const plain = lines[0].replace(/\u001b\[\d+m/g, '');
    expect(plain).toMatch(/^\S+ catalog info hello n=1$/);
    expect(() => JSON.parse(lines[0])).toThrow();
  });

  it('keeps backend.logger: level, overrides and redaction of secrets', async () => {
    const { logger, lines } = await loggerFor({
      backend: {
        auth: { keys: [{ secret: 'sw0rdf1sh-s3cret' }] },
        logger: {
          level: 'warn',
          overrides: [{ matchers: { plugin: 'chatty' }, level: 'error' }],
        },
      },
    });
    logger.info('not at warn level');
    logger.child({ plugin: 'chatty' }).warn('hidden by the override');
    logger.warn('the key is sw0rdf1sh-s3cret');
    expect(lines.map(l => JSON.parse(l).message)).toEqual(['the key is ***']);
  });

  it('refuses an override with an unknown level, naming the field', async () => {
    await expect(
      loggerFor({
        backend: { logger: { overrides: [{ matchers: {}, level: 'loud' }] } },
      }),
    ).rejects.toThrow('backend.logger.overrides[0].level');
  });
});

describe("the localhost base URL warning under NODE_ENV 'production'", () => {
  const nodeEnv = process.env.NODE_ENV;
  beforeEach(() => {
    process.env.NODE_ENV = 'production';
  });
  afterEach(() => {
    process.env.NODE_ENV = nodeEnv;
  });

  async function warningsOfDiscovery(backend: object) {
    const { logger, lines } = await loggerFor({ backend });
    HostDiscovery.fromConfig(new ConfigReader({ backend }), {
      logger: logger.child({ plugin: 'catalog' }),
    });
    return lines.map(l => JSON.parse(l).message);
  }

  it('is shown with the production config', async () => {
    expect(
      await warningsOfDiscovery(backendConfig('app-config.production.yaml')),
    ).toEqual([
      expect.stringMatching(/^backend\.baseUrl is set to a localhost URL/),
    ]);
  });

  it('is not shown with the embedded default', async () => {
    expect(await warningsOfDiscovery(backendConfig('app-config.yaml'))).toEqual(
      [],
    );
  });
});
