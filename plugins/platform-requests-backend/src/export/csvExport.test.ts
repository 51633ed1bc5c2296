import { TestDatabases } from '@backstage/backend-test-utils';
import {
  RequestsBackend,
  startRequestsBackend,
  USERS,
} from '../__testUtils__/testBackend';
import { neutralizeCell } from './csvExport';

jest.setTimeout(60_000);

/** RFC 4180, enough to read back what the export wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

describe('neutralizeCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTab', "'\tTab"],
    ['\rReturn', "'\rReturn"],
    ['plain', 'plain'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j → %j', (input, output) => {
    expect(neutralizeCell(input)).toBe(output);
  });

  it('leaves numbers alone', () => {
    expect(neutralizeCell(-3)).toBe(-3);
  });
});

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('GET /export on %p', databaseId => {
  let t: RequestsBackend;
  beforeAll(async () => {
    t = await startRequestsBackend(await databases.init(databaseId));
  });

  it('streams the filtered list as CSV with formulas neutralised', async () => {
    const titles = [
      '=HYPERLINK("http://evil.example","click")',
      '+cmd|calc',
      '-2+3',
      '@SUM(A1:A9)',
      'Normal, with "quotes" and 🚀',
    ];
    for (const title of titles) {
      await t.file(USERS.sam, {
        title,
        category: 'documentation',
        description: 'line one\nline two',
      });
    }
    // Titles are trimmed; descriptions keep a leading tab or CR.
    for (const description of ['\tTabbed', '\rReturned']) {
      await t.file(USERS.sam, {
        title: 'Control',
        category: 'documentation',
        description,
      });
    }
    await t.file(USERS.sam, { title: 'Not exported', category: 'access' });

    const res = await t
      .api(USERS.sam)
      .get('/export?format=csv&category=documentation&sort=created');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="platform-requests.csv"',
    );
    expect(res.text.startsWith('\uFEFF')).toBe(true);

    const [header, ...rows] = parseCsv(res.text.slice(1));
    expect(header.slice(0, 3)).toEqual(['key', 'title', 'status']);
    const title = header.indexOf('title');
    const description = header.indexOf('description');
    expect(rows.map(r => r[title])).toEqual([
      '\'=HYPERLINK("http://evil.example","click")',
      "'+cmd|calc",
      "'-2+3",
      "'@SUM(A1:A9)",
      'Normal, with "quotes" and 🚀',
      'Control',
      'Control',
    ]);
    expect(rows.map(r => r[description])).toEqual([
      ...titles.map(() => 'line one\nline two'),
      "'\tTabbed",
      "'\rReturned",
    ]);
    expect(rows.every(r => r.length === header.length)).toBe(true);
  });

  it.each([
    ['format=xlsx', /^format: /],
    ['cursor=abc', /^cursor: unknown parameter/],
    ['limit=5', /^limit: unknown parameter/],
    ['sort=1;DROP TABLE requests', /^sort: /],
  ])('refuses %s with 400', async (query, message) => {
    const res = await t.api(USERS.sam).get(`/export?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });
});
