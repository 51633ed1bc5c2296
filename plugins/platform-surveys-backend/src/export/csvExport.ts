/*
 * A round's results as CSV, cut at the same floor as the API: a group below
 * it is one row saying "not enough responses". Spreadsheets run cells that
 * start with = + - @ (and tab or CR) as formulas, so those get a leading
 * apostrophe (free-text answers are user input).
 */
import {
  GroupResult,
  NOT_ENOUGH_RESPONSES,
  RoundResults,
  SurveyQuestion,
} from '@internal/plugin-platform-surveys-common';
import { Response } from 'express';

export const CSV_COLUMNS = [
  'round',
  'group',
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

function groupName(group: GroupResult, overall: boolean): string {
  if (overall && group.team === null) return 'everyone';
  return group.team ?? '(no team)';
}

export function csvRows(
  results: RoundResults,
  questions: SurveyQuestion[],
): Cell[][] {
  const rows: Cell[][] = [];
  const groups: Array<[GroupResult, boolean]> = [
    [results.overall, true],
    ...results.byTeam.map(g => [g, false] as [GroupResult, boolean]),
  ];
  for (const [group, overall] of groups) {
    const name = groupName(group, overall);
    if (!group.enough) {
      const note =
        results.state === 'closed'
          ? NOT_ENOUGH_RESPONSES
          : `round is ${results.state}; results are shown once it closes`;
      rows.push([results.round, name, '', '', '', '', '', '', '', note]);
      continue;
    }
    for (const q of group.questions) {
      const text = questions.find(x => x.id === q.questionId)?.text ?? '';
      const lead = [results.round, name, group.respondents, q.questionId, text];
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

/**
 * A cell as CSV (RFC 4180): quoted when it holds a comma, quote or line
 * break, quotes doubled.
 */
function csvCell(value: Cell): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The rows under the header as one CSV body. Written here rather than with
 * csv-stringify: its per-cell work took 250 ms and more for a round's few
 * thousand rows on a loaded machine, more than reading the results.
 */
export function csvBody(rows: Cell[][]): string {
  const lines = [CSV_COLUMNS, ...rows].map(r => r.map(csvCell).join(','));
  // The BOM makes Excel read the file as UTF-8.
  return `\ufeff${lines.join('\n')}\n`;
}

const keptBodies = new WeakMap<RoundResults, string>();

/**
 * The CSV of a round's results. Kept results (a closed round's, for
 * everyone) are the same object while kept, so their CSV is built once.
 */
export function csvOf(
  results: RoundResults,
  questions: SurveyQuestion[],
): string {
  let body = keptBodies.get(results);
  if (body === undefined) {
    body = csvBody(csvRows(results, questions));
    keptBodies.set(results, body);
  }
  return body;
}

export function sendCsv(res: Response, body: string, filename: string) {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.send(body);
}
