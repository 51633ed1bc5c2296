/*
 * GET /export?format=csv: the list's rows as CSV, streamed page by page so a
 * large export never sits in memory. Spreadsheets run cells that start with
 * = + - @ (and tab or CR) as formulas, so those get a leading apostrophe.
 */
import { PlatformRequest } from '@internal/plugin-platform-requests-common';
import stringify from 'csv-stringify';
import { Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export const EXPORT_MAX_ROWS = 10_000;

const COLUMNS: Array<[string, (r: PlatformRequest) => string | number]> = [
  ['key', r => r.key],
  ['title', r => r.title],
  ['status', r => r.status],
  ['category', r => r.category],
  ['urgency', r => r.urgency],
  ['requestingTeam', r => r.requestingTeam],
  ['requester', r => r.requester],
  ['assignee', r => r.assignee ?? ''],
  ['priority', r => r.priority.score],
  ['votes', r => r.votes.count],
  ['teams', r => r.votes.teams],
  ['peopleAffected', r => r.impact.peopleAffected],
  ['hoursLostPerWeek', r => r.impact.hoursLostPerWeek],
  ['triageBreached', r => String(r.sla.triage.breached)],
  ['resolveBreached', r => String(r.sla.resolve.breached)],
  ['duplicateOf', r => r.duplicateOf ?? ''],
  ['declineReason', r => r.declineReason ?? ''],
  ['rating', r => r.rating?.score ?? ''],
  ['tags', r => r.tags.join(' ')],
  ['relatedEntities', r => r.relatedEntities.join(' ')],
  ['createdAt', r => r.createdAt],
  ['updatedAt', r => r.updatedAt],
  ['description', r => r.description],
];

/** Makes a cell inert in spreadsheets that evaluate formulas. */
export function neutralizeCell(value: string | number): string | number {
  if (typeof value !== 'string') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function toCsvRow(request: PlatformRequest): Array<string | number> {
  return COLUMNS.map(([, cell]) => neutralizeCell(cell(request)));
}

export async function streamCsv(
  res: Response,
  pages: AsyncIterable<PlatformRequest[]>,
  filename: string,
): Promise<void> {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  async function* rows() {
    for await (const page of pages) {
      for (const request of page) yield toCsvRow(request);
    }
  }
  await pipeline(
    Readable.from(rows()),
    // The BOM makes Excel read the file as UTF-8.
    stringify({
      header: true,
      columns: COLUMNS.map(([name]) => name),
      bom: true,
    }),
    res,
  );
}
