/*
 * User text inside a plain-text sentence (a notification's description,
 * the weekly digest): HTML has <bdi>, plain text has FIRST STRONG ISOLATE
 * … POP DIRECTIONAL ISOLATE around the user's words, so a right-to-left
 * override in a title or reason ends with it instead of reversing the rest
 * of the sentence. The isolates the text opens itself are closed inside, and
 * a POP it has no opener for is dropped, so it cannot end ours early.
 */
const LRI = '\u2066';
const RLI = '\u2067';
export const FSI = '\u2068';
export const PDI = '\u2069';

export function isolate(text: string): string {
  let open = 0;
  let inner = '';
  for (const char of text) {
    if (char === LRI || char === RLI || char === FSI) {
      open++;
    } else if (char === PDI) {
      if (open === 0) continue;
      open--;
    }
    inner += char;
  }
  return `${FSI}${inner}${PDI.repeat(open)}${PDI}`;
}
