/*
 * The priority score: a weighted sum of five factors, each squashed to 0..1
 * so that no single one (a hundred votes, a year of age) drowns the others.
 * The UI shows every part, so a score is never a mystery.
 */
import { Priority, Urgency } from './model';

export type PriorityWeights = {
  votes: number;
  teams: number;
  hoursLost: number;
  urgency: number;
  age: number;
};

export const DEFAULT_PRIORITY_WEIGHTS: PriorityWeights = {
  votes: 20,
  teams: 25,
  hoursLost: 25,
  urgency: 20,
  age: 10,
};

const URGENCY_LEVEL: Record<Urgency, number> = {
  low: 0.1,
  medium: 0.4,
  high: 0.7,
  critical: 1,
};

/** x / (x + half): 0 at 0, 0.5 at `half`, approaching 1. */
const saturate = (x: number, half: number) => (x <= 0 ? 0 : x / (x + half));

export type PriorityInputs = {
  votes: number;
  teams: number;
  hoursLostPerWeek: number;
  urgency: Urgency;
  ageDays: number;
};

export function computePriority(
  inputs: PriorityInputs,
  weights: PriorityWeights = DEFAULT_PRIORITY_WEIGHTS,
): Priority {
  const factors: Array<[keyof PriorityWeights, number, number]> = [
    ['votes', inputs.votes, saturate(inputs.votes, 10)],
    ['teams', inputs.teams, saturate(inputs.teams, 3)],
    [
      'hoursLost',
      inputs.hoursLostPerWeek,
      saturate(inputs.hoursLostPerWeek, 20),
    ],
    ['urgency', URGENCY_LEVEL[inputs.urgency], URGENCY_LEVEL[inputs.urgency]],
    ['age', inputs.ageDays, saturate(inputs.ageDays, 30)],
  ];
  const parts = factors.map(([factor, value, normalised]) => ({
    factor,
    value,
    weight: weights[factor],
    points: Math.round(normalised * weights[factor] * 10) / 10,
  }));
  const score =
    Math.round(parts.reduce((sum, p) => sum + p.points, 0) * 10) / 10;
  return { score, parts };
}
