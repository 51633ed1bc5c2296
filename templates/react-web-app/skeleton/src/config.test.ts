// Pure logic: no browser needed, so skip the (slower) jsdom environment.
// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { normalizeBaseUrl } from './config';

describe('normalizeBaseUrl', () => {
  it('drops surrounding whitespace and trailing slashes', () => {
    expect(normalizeBaseUrl(' https://api.example.test/v1// ')).toBe('https://api.example.test/v1');
  });

  it('treats a missing value as "not configured"', () => {
    expect(normalizeBaseUrl(undefined)).toBe('');
    expect(normalizeBaseUrl('')).toBe('');
  });
});
