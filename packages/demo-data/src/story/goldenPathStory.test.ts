import fs from 'node:fs';
import path from 'node:path';
import { demoGoldenPathRuns } from './goldenPathStory';
import { DEMO_TEAMS } from './requestStory';

const catalogDir = path.resolve(__dirname, '../../../../catalog');

/** Every entity name in the demo catalog (catalog/*.yaml and below). */
function catalogNames(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(entry.name)) {
        const text = fs.readFileSync(full, 'utf8');
        for (const m of text.matchAll(/^ {2}name: ([a-z0-9-]+)\s*$/gm)) {
          names.add(m[1]);
        }
      }
    }
  };
  walk(catalogDir);
  return names;
}

describe('demoGoldenPathRuns', () => {
  const runs = demoGoldenPathRuns();
  const names = runs.map(r => String(r.values.name));

  it('is about sixty runs, the same every time, from every team', () => {
    expect(runs.length).toBeGreaterThanOrEqual(55);
    expect(runs.length).toBeLessThanOrEqual(65);
    expect(demoGoldenPathRuns()).toEqual(runs);
    for (const [team, people] of Object.entries(DEMO_TEAMS)) {
      const ofTeam = runs.filter(
        r => r.values.owner === `group:default/${team}`,
      );
      expect(ofTeam.length).toBeGreaterThan(4);
      expect(ofTeam.every(r => people.includes(r.by))).toBe(true);
    }
  });

  it('names components plausibly, once each, apart from the demo catalog except the two meant to fail', () => {
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      expect(name).toMatch(/^[a-z][a-z0-9-]{1,38}[a-z0-9]$/);
      expect(name).not.toMatch(/-api$/);
    }
    const taken = catalogNames();
    expect(taken.has('checkout-api')).toBe(true);
    const clashing = runs.filter(
      r =>
        taken.has(String(r.values.name)) || taken.has(`${r.values.name}-api`),
    );
    expect(clashing.map(r => r.values.name).sort()).toEqual([
      'fleet-registry',
      'fraud-scorer',
    ]);
    expect(clashing.every(r => r.fails)).toBe(true);
    expect(runs.filter(r => r.fails)).toHaveLength(2);
  });

  it('labels every run demo in its description', () => {
    for (const run of runs) {
      expect(run.values.description).toContain('Demo data');
      expect(String(run.values.description).length).toBeLessThanOrEqual(300);
    }
  });

  it('has most runs rated: every publishing template above the floor of 5, catalog-info below it', () => {
    const rated = (template: string) =>
      runs.filter(r => r.template === template && r.score !== undefined);
    for (const template of [
      'typescript-service',
      'react-web-app',
      'scheduled-job',
    ]) {
      expect(rated(template).length).toBeGreaterThanOrEqual(5);
    }
    expect(rated('catalog-info').length).toBeGreaterThan(0);
    expect(rated('catalog-info').length).toBeLessThan(5);
    const all = runs.filter(r => r.score !== undefined);
    expect(all.length / runs.length).toBeGreaterThan(0.6);
    expect(all.every(r => r.score! >= 1 && r.score! <= 5)).toBe(true);
  });
});
