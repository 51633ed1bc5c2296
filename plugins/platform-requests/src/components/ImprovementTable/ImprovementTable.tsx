/*
 * Improvements as a table: each with its status, the demand it answers
 * (requests, votes, teams asking, hours lost per week) and when it is
 * planned for or shipped. The list page and the team tab show it.
 */
import { EntityRefLinks } from '@backstage/plugin-catalog-react';
import { Badge, Link } from '@backstage/ui';
import { useLocaleFormat } from '@internal/lodestar-react';
import { Improvement } from '@internal/plugin-platform-requests-common';
import { useImprovementLinks } from '../../hooks/useImprovementLinks';
import { IMPROVEMENT_STATUS_LABELS } from '../../lib/improvements';

export const ImprovementTable = (props: { improvements: Improvement[] }) => {
  const format = useLocaleFormat();
  const { improvementLink } = useImprovementLinks();
  return (
    <table aria-label="Improvements">
      <thead>
        <tr>
          <th align="left">Improvement</th>
          <th align="left">Status</th>
          <th align="right">Requests</th>
          <th align="right">Votes</th>
          <th align="left">Teams asking</th>
          <th align="right">Hours lost / week</th>
          <th align="left">Planned / shipped</th>
        </tr>
      </thead>
      <tbody>
        {props.improvements.map(imp => {
          const href = improvementLink(imp.id);
          return (
            <tr key={imp.id}>
              <td>
                {href ? (
                  <Link href={href}>
                    {imp.id} · <bdi>{imp.title}</bdi>
                  </Link>
                ) : (
                  <>
                    {imp.id} · <bdi>{imp.title}</bdi>
                  </>
                )}
              </td>
              <td>
                <Badge size="small">
                  {IMPROVEMENT_STATUS_LABELS[imp.status]}
                </Badge>
              </td>
              <td align="right">{format.number(imp.requests.length)}</td>
              <td align="right">{format.number(imp.rollup.votes)}</td>
              <td>
                <EntityRefLinks entityRefs={imp.rollup.teams} hideIcons />
              </td>
              <td align="right">
                {format.number(imp.rollup.hoursLostPerWeek, {
                  maxFractionDigits: 1,
                })}
              </td>
              <td>
                {imp.shippedAt
                  ? `shipped ${format.dateTime(imp.shippedAt)}`
                  : imp.plannedFor ?? '—'}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
};
