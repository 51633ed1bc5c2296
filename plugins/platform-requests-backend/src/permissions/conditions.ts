/*
 * What a permission policy uses to hand out conditional decisions on
 * platform requests, e.g.
 * `createPlatformRequestConditionalDecision(permission,
 *   platformRequestConditions.isRequester({ userEntityRef }))`.
 */
import { createConditionExports } from '@backstage/plugin-permission-node';
import { platformRequestResourceRef } from './resource';
import { isRequester } from './rules/isRequester';

export const platformRequestRules = { isRequester };

const exported = createConditionExports({
  resourceRef: platformRequestResourceRef,
  rules: platformRequestRules,
});

export const platformRequestConditions = exported.conditions;
export const createPlatformRequestConditionalDecision =
  exported.createConditionalDecision;
