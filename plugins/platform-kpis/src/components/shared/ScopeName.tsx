/*
 * The scope inside a sentence ("Delivery of Checkout, last 90 days"): the
 * organisation in words, a team's or service's name (catalog text) in a
 * <bdi>, so a right-to-left override in it reverses no other words.
 */
import { Scope } from '@internal/plugin-platform-kpis-common';
import { scopeLabel } from '../../lib/refs';

export const ScopeName = (props: {
  scope: Scope;
  labels?: Map<string, string>;
}) => {
  const label = scopeLabel(props.scope, props.labels);
  return props.scope.kind === 'organisation' ? (
    <>{label}</>
  ) : (
    <bdi>{label}</bdi>
  );
};
