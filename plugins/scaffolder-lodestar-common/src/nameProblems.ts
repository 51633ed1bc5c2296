// The naming rules of Lodestar templates (`pattern:
// '^[a-z][a-z0-9-]{1,38}[a-z0-9]$'`, `maxLength: 40`), checked one rule at a
// time so the message says what to fix instead of quoting the regex.

export const MIN_NAME_LENGTH = 3;
export const MAX_NAME_LENGTH = 40;

const ALLOWED_CHARACTER = /[a-z0-9-]/;

/** Why `value` is not a valid name, or undefined when it is (or is empty). */
export function nameProblems(value: string): string | undefined {
  // An empty value is the `required` rule's to report, not ours.
  if (!value) return undefined;

  if (value.length > MAX_NAME_LENGTH) {
    return `must be at most ${MAX_NAME_LENGTH} characters (it has ${value.length})`;
  }
  if (/[A-Z]/.test(value)) {
    return 'use lowercase letters only';
  }
  const offending = disallowedCharacters(value);
  if (offending.length > 0) {
    const found = offending.map(char => JSON.stringify(char)).join(', ');
    return `must contain only lowercase letters, digits and dashes (found ${found})`;
  }
  if (value.length < MIN_NAME_LENGTH) {
    return `must be at least ${MIN_NAME_LENGTH} characters (it has ${value.length})`;
  }
  if (!/^[a-z]/.test(value)) {
    return 'must start with a letter';
  }
  if (value.endsWith('-')) {
    return 'must not end with a dash';
  }
  return undefined;
}

/** Each character outside [a-z0-9-] once, in order of appearance. */
function disallowedCharacters(value: string): string[] {
  // Spreading the string keeps emoji and other surrogate pairs whole.
  const offending = [...value].filter(char => !ALLOWED_CHARACTER.test(char));
  return [...new Set(offending)];
}
