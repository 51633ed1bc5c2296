/*
 * What a refused permission's 403 says is the cause: the token's access
 * restrictions, or the policy for this caller.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { platformRequestReadPermission } from '@internal/plugin-platform-requests-common';
import { whyRefused } from './refusal';

describe('whyRefused', () => {
  it("names the token's access restrictions when they leave the permission out", () => {
    const ci = mockCredentials.service('external:ci', {
      permissionNames: ['platform-kpis.events.ingest'],
    });
    expect(whyRefused(ci, platformRequestReadPermission)).toBe(
      "this token's access is restricted to platform-kpis.events.ingest",
    );
  });

  it('names the permission and the caller the policy refused', () => {
    expect(
      whyRefused(
        mockCredentials.user('user:default/sam.rivera'),
        platformRequestReadPermission,
      ),
    ).toBe(
      `the permission policy does not grant ${platformRequestReadPermission.name} to user:default/sam.rivera`,
    );
    expect(
      whyRefused(
        mockCredentials.service('plugin:catalog'),
        platformRequestReadPermission,
      ),
    ).toBe(
      `the permission policy does not grant ${platformRequestReadPermission.name} to plugin:catalog`,
    );
  });
});
