/*
 * Entity refs as people read them: "checkout-team" for
 * group:default/checkout-team, the display name when the catalog gave one.
 */
import { parseEntityRef } from '@backstage/catalog-model';
import { Scope } from '@internal/plugin-platform-kpis-common';

export function shortRef(ref: string): string {
  try {
    const { namespace, name } = parseEntityRef(ref);
    return namespace === 'default' ? name : `${namespace}/${name}`;
  } catch {
    return ref;
  }
}

export function refLabel(ref: string, labels?: Map<string, string>): string {
  return labels?.get(ref.toLocaleLowerCase('en-US')) ?? shortRef(ref);
}

/** "organisation", or the team's or service's ref: the CSV's scope column. */
export function scopeKey(scope: Scope): string {
  return scope.kind === 'organisation' ? 'organisation' : scope.ref;
}

/** "the organisation", "Checkout", "checkout-api" */
export function scopeLabel(scope: Scope, labels?: Map<string, string>): string {
  return scope.kind === 'organisation'
    ? 'the organisation'
    : refLabel(scope.ref, labels);
}
