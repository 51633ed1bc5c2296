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
import stringify from 'csv-stringify/lib/sync';
import { Response } from 'express';

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

const keptBodies = new WeakMap<RoundResults, string>();

/**
 * The CSV of a round's results, written by csv-stringify as the requests
 * export is (RFC 4180; the BOM makes Excel read it as UTF-8). Kept results
 * (a closed round's, for everyone) are the same object while kept, so their
 * CSV is built once.
 */
export function csvOf(
  results: RoundResults,
  questions: SurveyQuestion[],
  teamNames: Map<string, string>,
): string {
  let body = keptBodies.get(results);
  if (body === undefined) {
    body = stringify(csvRows(results, questions, teamNames), {
      header: true,
      columns: CSV_COLUMNS,
      bom: true,
    });
    keptBodies.set(results, body);
  }
  return body;
}

export function sendCsv(res: Response, body: string, filename: string) {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.send(body);
}
