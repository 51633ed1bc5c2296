/*
 * The conditional rules of platform requests, registered with the
 * permissions registry (plugin.ts) and applied in SQL. A policy builds its
 * decisions with `platformRequestConditions` and
 * `createPlatformRequestConditionalDecision` from
 * `@internal/plugin-platform-requests-common`, which name these rules.
 */
import { isRequester } from './rules/isRequester';

export const platformRequestRules = { isRequester };
