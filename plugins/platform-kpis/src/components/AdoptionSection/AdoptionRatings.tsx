/*
 * How people rated their golden-path runs ("How was it?", 1–5), per
 * template: the mean, how many ratings and how they spread, or "not enough
 * ratings" below the anonymity floor. Organisation-wide and all time (the
 * surveys plugin keeps no team or date per rating); never per person. When
 * the ratings cannot be shown, the backend's one message says why.
 */
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Cell, CellText, ColumnConfig, Table, Text } from '@backstage/ui';
import { LocaleFormat, useLocaleFormat } from '@internal/lodestar-react';
import {
  GoldenPathRatings,
  GoldenPathTemplateRating,
} from '@internal/plugin-platform-kpis-common';
import { formatCount, formatFixed } from '../../lib/format';

type Row = GoldenPathTemplateRating & { id: string };

const ratingsNoun = (n: number, format: LocaleFormat) =>
  `${formatCount(n, format)} ${n === 1 ? 'rating' : 'ratings'}`;

/** "1: 0 · 2: 1 · 3: 2 · 4: 5 · 5: 3" */
const spread = (r: Row, format: LocaleFormat) =>
  r.enough
    ? r.distribution
        .map(d => `${d.value}: ${formatCount(d.count, format)}`)
        .join(' · ')
    : '';

const columns = (format: LocaleFormat, floor: number): ColumnConfig<Row>[] => [
  {
    id: 'template',
    label: 'Template',
    isRowHeader: true,
    defaultWidth: '2fr',
    cell: r => (
      <Cell>
        <EntityRefLink entityRef={r.template} hideIcon />
      </Cell>
    ),
  },
  {
    id: 'mean',
    label: 'How was it? (1–5)',
    defaultWidth: '2fr',
    cell: r =>
      r.enough ? (
        <CellText
          title={`${formatFixed(r.mean, 1, format)} of 5 (${ratingsNoun(
            r.n,
            format,
          )})`}
          description={spread(r, format)}
        />
      ) : (
        <CellText
          title="Not enough ratings"
          description={`shown from ${ratingsNoun(floor, format)}`}
        />
      ),
  },
];

export const AdoptionRatings = (props: { ratings: GoldenPathRatings }) => {
  const format = useLocaleFormat();
  const { ratings } = props;
  if (!ratings.available) {
    return <Text color="secondary">{ratings.message}</Text>;
  }
  return (
    <Table<Row>
      columnConfig={columns(format, ratings.floor)}
      data={ratings.templates.map(r => ({ ...r, id: r.template }))}
      pagination={{ type: 'none' }}
      emptyState={
        <Text color="secondary">No golden-path run has been rated yet.</Text>
      }
    />
  );
};
