/*
 * "Addressed by IMP-3 · Faster CI runners (shipped)": the improvements
 * answering a request, linked to their pages.
 */
import { Link, Text } from '@backstage/ui';
import { AddressedBy as Addressing } from '@internal/plugin-platform-requests-common';
import { Fragment } from 'react';
import { useImprovementLinks } from '../../hooks/useImprovementLinks';
import { IMPROVEMENT_STATUS_LABELS } from '../../lib/improvements';

export const AddressedBy = (props: { improvements?: Addressing[] }) => {
  const { improvementLink } = useImprovementLinks();
  if (!props.improvements?.length) return null;
  return (
    <Text>
      Addressed by{' '}
      {props.improvements.map((imp, i) => {
        const href = improvementLink(imp.id);
        const label = (
          <>
            {imp.id} · <bdi>{imp.title}</bdi>
          </>
        );
        return (
          <Fragment key={imp.id}>
            {i > 0 && ', '}
            {href ? <Link href={href}>{label}</Link> : label} (
            {IMPROVEMENT_STATUS_LABELS[imp.status].toLocaleLowerCase('en-US')})
          </Fragment>
        );
      })}
    </Text>
  );
};
