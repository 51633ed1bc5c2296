/*
 * Series colours, readable on the light and the dark theme. Hex rather than
 * the theme's CSS variables: recharts writes them into SVG attributes.
 */
export const CHART_COLORS = {
  blue: '#3b82f6',
  red: '#ef4444',
  green: '#22c55e',
  amber: '#f59e0b',
  purple: '#8b5cf6',
  teal: '#14b8a6',
  grey: '#9ca3af',
} as const;
