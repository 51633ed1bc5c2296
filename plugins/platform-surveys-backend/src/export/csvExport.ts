/*
 * A round's results as CSV, cut at the same floor as the API: a group below
 * it is one row saying "not enough responses". Each group is its ref (or
 * "everyone") and, for people to read, its name from the catalog. Spreadsheets run cells that
 * start with = + - @ (and tab or CR) as formulas, so those get a leading
 * apostrophe (free-text answers are user input).
 */
import {
  GroupResult,
  NOT_ENOUGH_RESPONSES,
  RoundResults,
  SurveyQuestion,
} from '@internal/plugin-platform-surveys-common';
import stringify from 'csv-stringify';
import { Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export const CSV_COLUMNS = [
  'round',
  'group',
  'groupName',
  'respondents',
  'questionId',
  'question',
  'value',
  'count',
  'mean',
  'median',
  'note',
];

type Cell = string | number;

export function neutralizeCell(value: Cell): Cell {
  if (typeof value !== 'string') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function groupRef(group: GroupResult, overall: boolean): string {
  if (overall && group.team === null) return 'everyone';
  return group.team ?? '(no team)';
}

function groupName(
  group: GroupResult,
  overall: boolean,
  teamNames: Map<string, string>,
): string {
  if (overall && group.team === null) return 'Everyone';
  if (group.team === null) return '(no team)';
  return teamNames.get(group.team) ?? group.team;
}

/** `teamNames`: the catalog's name of each team, by ref (else its ref). */
export function csvRows(
  results: RoundResults,
  questions: SurveyQuestion[],
  teamNames: Map<string, string>,
): Cell[][] {
  const rows: Cell[][] = [];
  const groups: Array<[GroupResult, boolean]> = [
    [results.overall, true],
    ...results.byTeam.map(g => [g, false] as [GroupResult, boolean]),
  ];
  for (const [group, overall] of groups) {
    const ref = groupRef(group, overall);
    const name = groupName(group, overall, teamNames);
    if (!group.enough) {
      const note =
        results.state === 'closed'
          ? NOT_ENOUGH_RESPONSES
          : `round is ${results.state}; results are shown once it closes`;
      rows.push([results.round, ref, name, '', '', '', '', '', '', '', note]);
      continue;
    }
    for (const q of group.questions) {
      const text = questions.find(x => x.id === q.questionId)?.text ?? '';
      const lead = [
        results.round,
        ref,
        name,
        group.respondents,
        q.questionId,
        text,
      ];
      if (q.kind === 'text') {
        for (const answer of q.answers) {
          rows.push([...lead, answer, '', '', '', '']);
        }
        continue;
      }
      for (const d of q.distribution) {
        rows.push([
          ...lead,
          d.value,
          d.count,
          q.kind === 'choice' ? '' : q.mean,
          q.kind === 'choice' ? '' : q.median,
          '',
        ]);
      }
    }
  }
  return rows.map(r => r.map(neutralizeCell));
}

export async function sendCsv(
  res: Response,
  rows: Cell[][],
  filename: string,
): Promise<void> {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  await pipeline(
    Readable.from(rows),
    // The BOM makes Excel read the file as UTF-8.
    stringify({ header: true, columns: CSV_COLUMNS, bom: true }),
    res,
  );
}
