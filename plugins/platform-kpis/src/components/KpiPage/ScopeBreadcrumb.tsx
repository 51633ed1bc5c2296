/*
 * Where the drill-down is: Organisation › team › service, each level but
 * the last a link back up (keeping the window).
 */
import { Flex, Link, Text } from '@backstage/ui';
import { Fragment } from 'react';
import { useKpiLinks } from '../../hooks/useKpiLinks';
import { KpiFilters } from '../../lib/filters';
import { refLabel } from '../../lib/refs';

export type ScopeBreadcrumbProps = {
  filters: KpiFilters;
  /** The service's owner when the URL names no team. */
  serviceOwner?: string;
  labels?: Map<string, string>;
};

export const ScopeBreadcrumb = (props: ScopeBreadcrumbProps) => {
  const { filters, labels } = props;
  const { kpisLink } = useKpiLinks();
  const window = filters.window;
  const team =
    filters.team ?? (filters.service ? props.serviceOwner : undefined);
  const levels = [
    { label: 'Organisation', href: kpisLink({ window }) },
    ...(team
      ? [{ label: refLabel(team, labels), href: kpisLink({ window, team }) }]
      : []),
    ...(filters.service
      ? [{ label: refLabel(filters.service), href: undefined }]
      : []),
  ];
  return (
    <nav aria-label="Breadcrumb">
      <Flex align="center" gap="2">
        {levels.map((level, i) => {
          const last = i === levels.length - 1;
          return (
            <Fragment key={level.label}>
              {i > 0 && (
                <Text as="span" color="secondary" aria-hidden>
                  ›
                </Text>
              )}
              {last || !level.href ? (
                <Text
                  as="span"
                  weight="bold"
                  aria-current={last ? 'page' : undefined}
                >
                  {level.label}
                </Text>
              ) : (
                <Link href={level.href}>{level.label}</Link>
              )}
            </Fragment>
          );
        })}
      </Flex>
    </nav>
  );
};
