/*
 * The allowedHosts input on the stock publish actions: declared in the JSON
 * Schema the scaffolder validates with (checked here with the scaffolder's
 * own validator), honoured (a host outside the list fails before the action
 * runs, naming the host), and taken out before the action sees its input.
 * The real upstream GitHub publish actions are wrapped here, and
 * withForgeMessages, as main.ts adds the GitHub module, registers them
 * wrapped. (The GitLab module is not a dependency of this package:
 * stockTemplates.test.ts checks all four actions in the running backend.)
 */
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import {
  createBackendPlugin,
  coreServices,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  createTemplateAction,
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { scaffolderAutocompleteExtensionPoint } from '@backstage/plugin-scaffolder-node/alpha';
import scaffolderGithubModule, {
  createPublishGithubAction,
  createPublishGithubPullRequestAction,
} from '@backstage/plugin-scaffolder-backend-module-github';
import { assertHostAllowed, withAllowedHosts } from './allowedHosts';
import { withForgeMessages } from './withForgeMessages';

// The validator the scaffolder checks step inputs with (jsonschema, which
// scaffolder-node and the scaffolder backend both depend on; resolved from
// scaffolder-node, a dependency of ours).
const { validate } = require(require.resolve('jsonschema', {
  paths: [
    path.dirname(
      require.resolve('@backstage/plugin-scaffolder-node/package.json'),
    ),
  ],
})) as {
  validate(
    instance: unknown,
    schema: unknown,
  ): { valid: boolean; errors: Array<{ toString(): string }> };
};

const errorsOf = (instance: unknown, action: TemplateAction<any, any, any>) =>
  validate(instance, action.schema!.input).errors.map(String);

const config = new ConfigReader({
  integrations: {
    github: [{ host: 'github.com', token: 'test-token' }],
  },
});
const integrations = ScmIntegrations.fromConfig(config);

/** The stock GitHub publish actions and an input each requires. */
const stockPublishActions: Array<
  [TemplateAction<any, any, any>, Record<string, unknown>]
> = [
  [createPublishGithubAction({ integrations, config }), {}],
  [
    createPublishGithubPullRequestAction({ integrations, config }),
    { branchName: 'b', title: 't', description: 'd' },
  ],
];

/** A stand-in publish action that records the context it was called with. */
function recordingAction() {
  const calls: any[] = [];
  const action = createTemplateAction({
    id: 'publish:example',
    supportsDryRun: true,
    schema: {
      input: { repoUrl: z => z.string(), description: z => z.string() },
      output: { remoteUrl: z => z.string() },
    },
    async handler(ctx) {
      calls.push(ctx);
    },
  });
  return { action, calls };
}

const context = (input: Record<string, unknown>) =>
  ({
    input,
    workspacePath: '/workspace',
    output: jest.fn(),
    checkpoint: jest.fn(),
  } as any);

describe.each(
  stockPublishActions.map(([action, required]) => ({
    id: action.id,
    action,
    required,
  })),
)('$id', ({ action, required }) => {
  const wrapped = withAllowedHosts(action);
  const input = {
    repoUrl: 'github.com?owner=o&repo=r',
    ...required,
    allowedHosts: ['github.com'],
  };

  it('is refused upstream with the allowedHosts input', () => {
    expect(errorsOf(input, action)).toEqual([
      'instance is not allowed to have the additional property "allowedHosts"',
    ]);
  });

  it('accepts it wrapped, and still refuses other undeclared inputs', () => {
    expect(errorsOf(input, wrapped)).toEqual([]);
    expect(
      errorsOf({ ...input, allowedHost: ['github.com'] }, wrapped),
    ).toEqual([
      'instance is not allowed to have the additional property "allowedHost"',
    ]);
    expect(errorsOf({ ...input, allowedHosts: 'github.com' }, wrapped)).toEqual(
      ['instance.allowedHosts is not of a type(s) array'],
    );
  });

  it('keeps id, description, dry-run support, the other inputs and the outputs', () => {
    const { allowedHosts, ...properties } = (wrapped.schema!.input as any)
      .properties;
    expect(allowedHosts).toEqual(
      expect.objectContaining({ type: 'array', items: { type: 'string' } }),
    );
    expect({ ...wrapped.schema!.input, properties }).toEqual(
      action.schema!.input,
    );
    expect(wrapped.schema!.output).toBe(action.schema!.output);
    expect(wrapped.id).toBe(action.id);
    expect(wrapped.description).toBe(action.description);
    expect(wrapped.supportsDryRun).toBe(action.supportsDryRun);
    expect(wrapped.examples).toBe(action.examples);
    // The upstream action is left as it was.
    expect((action.schema!.input as any).properties.allowedHosts).toBe(
      undefined,
    );
  });
});

describe('withAllowedHosts', () => {
  it('calls the action without allowedHosts when the host is listed', async () => {
    const { action, calls } = recordingAction();
    const ctx = context({
      repoUrl: 'github.com?owner=o&repo=r',
      description: 'd',
      allowedHosts: ['github.com'],
    });
    await withAllowedHosts(action).handler(ctx);
    expect(calls).toHaveLength(1);
    expect(calls[0].input).toEqual({
      repoUrl: 'github.com?owner=o&repo=r',
      description: 'd',
    });
    expect(calls[0].output).toBe(ctx.output);
    expect(calls[0].checkpoint).toBe(ctx.checkpoint);
    expect(calls[0].workspacePath).toBe('/workspace');
    // The step's own input object is not changed.
    expect(ctx.input.allowedHosts).toEqual(['github.com']);
  });

  it('fails the step before the action runs when the host is not listed, naming it', async () => {
    const { action, calls } = recordingAction();
    const run = withAllowedHosts(action).handler(
      context({
        repoUrl: 'gitlab.example.com?owner=o&repo=r',
        allowedHosts: ['github.com', 'ghe.example.com'],
      }),
    );
    await expect(run).rejects.toThrow(InputError);
    await expect(run).rejects.toThrow(
      "publish:example may not publish to gitlab.example.com: the step's allowedHosts lists only github.com, ghe.example.com",
    );
    expect(calls).toHaveLength(0);
  });

  it('passes the context through untouched without allowedHosts', async () => {
    const { action, calls } = recordingAction();
    const ctx = context({ repoUrl: 'anywhere.example?owner=o&repo=r' });
    await withAllowedHosts(action).handler(ctx);
    expect(calls).toEqual([ctx]);
  });

  it('throws at start-up when the action no longer has a JSON Schema object input', () => {
    const { action } = recordingAction();
    expect(() =>
      withAllowedHosts({ ...action, schema: { input: { type: 'string' } } }),
    ).toThrow(
      'withAllowedHosts: publish:example no longer declares its input as a JSON Schema object; allowedHosts cannot be added to it',
    );
  });

  it('leaves an action alone that declares allowedHosts itself', () => {
    const { action } = recordingAction();
    const own = {
      ...action,
      schema: {
        ...action.schema,
        input: {
          ...action.schema!.input,
          properties: {
            ...action.schema!.input!.properties,
            allowedHosts: { type: 'string' },
          },
        },
      },
    };
    expect(withAllowedHosts(own)).toBe(own);
  });
});

describe('assertHostAllowed', () => {
  it('compares the host with its port, ignoring case', () => {
    expect(() =>
      assertHostAllowed(
        'publish:gitlab',
        'gitlab.example.com:8443?owner=o&repo=r',
        [' GitLab.Example.com:8443 '],
      ),
    ).not.toThrow();
    expect(() =>
      assertHostAllowed(
        'publish:gitlab',
        'gitlab.example.com:8443?owner=o&repo=r',
        ['gitlab.example.com'],
      ),
    ).toThrow(
      "publish:gitlab may not publish to gitlab.example.com:8443: the step's allowedHosts lists only gitlab.example.com",
    );
  });

  it('allows no host when the list is empty', () => {
    expect(() =>
      assertHostAllowed('publish:github', 'github.com?owner=o&repo=r', []),
    ).toThrow(
      "publish:github may not publish to github.com: the step's allowedHosts is empty, so no host is allowed",
    );
  });

  it('leaves a repoUrl that is not one to the action', () => {
    expect(() =>
      assertHostAllowed('publish:github', 'not a host?owner=o', ['github.com']),
    ).not.toThrow();
  });
});

describe('withForgeMessages, as main.ts adds the stock GitHub module', () => {
  it('registers its publish actions accepting allowedHosts, and no other', async () => {
    const registered: TemplateAction<any, any, any>[] = [];
    const scaffolder = createBackendPlugin({
      pluginId: 'scaffolder',
      register(env) {
        env.registerExtensionPoint(scaffolderActionsExtensionPoint, {
          addActions: (...actions: TemplateAction<any, any, any>[]) =>
            registered.push(...actions),
        });
        env.registerExtensionPoint(scaffolderAutocompleteExtensionPoint, {
          addAutocompleteProvider: () => {},
        });
        env.registerInit({
          deps: { logger: coreServices.logger },
          async init() {},
        });
      },
    });
    await startTestBackend({
      features: [
        scaffolder,
        withForgeMessages(scaffolderGithubModule, 'GitHub'),
        mockServices.rootConfig.factory({ data: config.get() as any }),
        catalogServiceMock.factory(),
      ],
    });
    const publish = registered.filter(a => a.id.startsWith('publish:'));
    expect(publish.map(a => a.id).sort()).toEqual([
      'publish:github',
      'publish:github:pull-request',
    ]);
    for (const action of publish) {
      expect((action.schema!.input as any).properties.allowedHosts).toEqual(
        expect.objectContaining({ type: 'array' }),
      );
    }
    const others = registered.filter(a => !a.id.startsWith('publish:'));
    expect(others.length).toBeGreaterThan(5);
    for (const action of others) {
      expect((action.schema?.input as any)?.properties?.allowedHosts).toBe(
        undefined,
      );
    }
  });
});
