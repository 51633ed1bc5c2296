/*
 * The catalog-health shares in the order and words the section shows them.
 * Orphans are the one share where lower is better.
 */
import { CatalogHealthShares } from '@internal/plugin-platform-kpis-common';
import { CHART_COLORS } from '../charts';

export const SHARES: Array<{
  key: keyof CatalogHealthShares;
  title: string;
  better: 'higher' | 'lower';
  color: string;
}> = [
  {
    key: 'validOwner',
    title: 'Valid owner',
    better: 'higher',
    color: CHART_COLORS.blue,
  },
  {
    key: 'system',
    title: 'In a system',
    better: 'higher',
    color: CHART_COLORS.green,
  },
  {
    key: 'lifecycle',
    title: 'Lifecycle set',
    better: 'higher',
    color: CHART_COLORS.purple,
  },
  {
    key: 'api',
    title: 'Provides an API',
    better: 'higher',
    color: CHART_COLORS.teal,
  },
  {
    key: 'orphans',
    title: 'Orphans',
    better: 'lower',
    color: CHART_COLORS.red,
  },
];
