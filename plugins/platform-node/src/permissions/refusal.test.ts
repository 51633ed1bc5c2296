/*
 * What a refused permission's 403 says is the cause: the token's access
 * restrictions, or the policy for this caller.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import { createPermission } from '@backstage/plugin-permission-common';
import { permissionRefused, whyRefused } from './refusal';

const readThings = createPermission({
  name: 'things.read',
  attributes: { action: 'read' },
});

describe('whyRefused', () => {
  it("names the token's access restrictions when they leave the permission out", () => {
    const ci = mockCredentials.service('external:ci', {
      permissionNames: ['platform-kpis.events.ingest'],
    });
    expect(whyRefused(ci, readThings)).toBe(
      "this token's access is restricted to platform-kpis.events.ingest",
    );
  });

  it('names the permission and the caller the policy refused', () => {
    expect(
      whyRefused(mockCredentials.user('user:default/sam.rivera'), readThings),
    ).toBe(
      'the permission policy does not grant things.read to user:default/sam.rivera',
    );
    expect(
      whyRefused(mockCredentials.service('plugin:catalog'), readThings),
    ).toBe(
      'the permission policy does not grant things.read to plugin:catalog',
    );
  });
});

describe('permissionRefused', () => {
  it('is a NotAllowedError (a 403) that says what was refused and carries the permission', () => {
    const error = permissionRefused(
      mockCredentials.user('user:default/sam.rivera'),
      readThings,
      'read things',
    );
    expect(error).toBeInstanceOf(NotAllowedError);
    expect(error.name).toBe('NotAllowedError');
    expect(error.message).toBe(
      'you may not read things: the permission policy does not grant things.read to user:default/sam.rivera',
    );
    expect(error.permission).toBe('things.read');
  });
});
