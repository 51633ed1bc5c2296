/*
 * Which golden path fits a need described in words: each Template is scored
 * by the need's words found in its title, tags and type (weight 3) and its
 * description (weight 1), each word weighted by how rare it is among the
 * templates, so "typescript" (in every one) counts less than "cron". Plain
 * word matching keeps the answer explainable: every result names the words
 * that matched.
 */

export type TemplateFacts = {
  ref: string;
  name: string;
  title: string;
  description: string;
  tags: string[];
  type: string;
};

export type RankedTemplate = TemplateFacts & {
  score: number;
  matched: string[];
};

const STOP_WORDS = new Set(
  `a an and are as at be but by can do for from get have i in into is it its
  me my need needs new of on or our so some that the their them this to up us
  want wants we what when which who will with would you your`.split(/\s+/),
);

/** Lowercase words, plural "s" dropped, stop words out. */
export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9+#]+/)
    .filter(w => w.length > 1 && !STOP_WORDS.has(w))
    .map(w =>
      w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w,
    );
}

export function rankTemplates(
  need: string,
  templates: TemplateFacts[],
): RankedTemplate[] {
  const needWords = [...new Set(wordsOf(need))];
  const fields = templates.map(t => ({
    strong: new Set(wordsOf(`${t.title} ${t.tags.join(' ')} ${t.type}`)),
    weak: new Set(wordsOf(t.description)),
  }));
  const rarity = (word: string) => {
    const df = fields.filter(
      f => f.strong.has(word) || f.weak.has(word),
    ).length;
    return df === 0 ? 0 : Math.log(1 + templates.length / df);
  };
  return templates
    .map((template, i) => {
      let score = 0;
      const matched: string[] = [];
      for (const word of needWords) {
        const weight =
          (fields[i].strong.has(word) ? 3 : 0) +
          (fields[i].weak.has(word) ? 1 : 0);
        if (weight > 0) {
          score += weight * rarity(word);
          matched.push(word);
        }
      }
      return { ...template, score: Math.round(score * 100) / 100, matched };
    })
    .sort((a, b) => b.score - a.score || a.title.localeCompare(b.title));
}
