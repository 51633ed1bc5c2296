import { z } from 'zod';
import { parseInput } from './parseInput';

const schema = z
  .strictObject({
    title: z.string().min(3, 'must be at least 3 characters'),
    limit: z.coerce.number().int().max(10).default(5),
    from: z.string().optional(),
    to: z.string().optional(),
  })
  .refine(v => !v.from || !v.to || v.from <= v.to, 'from must be before to');

describe('parseInput', () => {
  it('returns the parsed value with defaults', () => {
    expect(parseInput(schema, { title: 'abc' }, 'body')).toEqual({
      title: 'abc',
      limit: 5,
    });
  });

  it('names the field of every problem', () => {
    expect(() => parseInput(schema, { title: 'a', limit: 11 }, 'body')).toThrow(
      'title: must be at least 3 characters; limit: Too big: expected number to be <=10',
    );
  });

  it('calls unknown keys fields in bodies and parameters in queries', () => {
    expect(() => parseInput(schema, { title: 'abc', x: 1 }, 'body')).toThrow(
      'x: unknown field',
    );
    expect(() =>
      parseInput(schema, { title: 'abc', sort: 'up' }, 'query'),
    ).toThrow('sort: unknown parameter');
  });

  it('says "query" for a rule over the whole query string', () => {
    const input = { title: 'abc', from: 'b', to: 'a' };
    expect(() => parseInput(schema, input, 'query')).toThrow(
      /^query: from must be before to$/,
    );
    expect(() => parseInput(schema, input, 'body')).toThrow(
      /^from must be before to$/,
    );
  });

  it('refuses NUL characters and unpaired surrogates, naming the field', () => {
    const text = z.object({ a: z.object({ b: z.string() }) });
    expect(() => parseInput(text, { a: { b: 'x\u0000' } }, 'body')).toThrow(
      'a.b: must not contain NUL characters',
    );
    expect(() => parseInput(text, { a: { b: '\ud800' } }, 'body')).toThrow(
      'a.b: must be valid Unicode text',
    );
  });

  it('does not walk into class instances the schema produced', () => {
    const dated = z.object({ at: z.coerce.date() });
    const { at } = parseInput(dated, { at: '2026-12-05' }, 'query');
    expect(at).toBeInstanceOf(Date);
  });
});
