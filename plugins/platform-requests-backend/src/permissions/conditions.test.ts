/*
 * The policy builds its conditional decisions from -common, without this
 * package; they must be exactly what Backstage derives from the rules
 * registered here, or the plugin would not recognise them.
 */
import { createConditionExports } from '@backstage/plugin-permission-node';
import {
  createPlatformRequestConditionalDecision,
  platformRequestConditions,
  platformRequestEditPermission,
} from '@internal/plugin-platform-requests-common';
import { platformRequestRules } from './conditions';
import { platformRequestResourceRef } from './resource';

describe('the conditions in -common', () => {
  const fromRules = createConditionExports({
    resourceRef: platformRequestResourceRef,
    rules: platformRequestRules,
  });

  it('name every rule registered here, with the same conditions', () => {
    expect(Object.keys(platformRequestConditions)).toEqual(
      Object.keys(fromRules.conditions),
    );
    const params = { userEntityRef: 'user:default/sam.rivera' };
    expect(platformRequestConditions.isRequester(params)).toEqual(
      fromRules.conditions.isRequester(params),
    );
  });

  it('make the same conditional decision', () => {
    const condition = platformRequestConditions.isRequester({
      userEntityRef: 'user:default/sam.rivera',
    });
    expect(
      createPlatformRequestConditionalDecision(platformRequestEditPermission, {
        not: condition,
      }),
    ).toEqual(
      fromRules.createConditionalDecision(platformRequestEditPermission, {
        not: condition,
      }),
    );
  });
});
