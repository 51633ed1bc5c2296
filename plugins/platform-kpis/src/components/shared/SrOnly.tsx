/*
 * Text for screen readers only, inline (BUI's VisuallyHidden is a div,
 * which may not sit inside a line of text).
 */
import { ReactNode } from 'react';

const STYLE = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0, 0, 0, 0)',
  whiteSpace: 'nowrap',
  border: 0,
} as const;

export const SrOnly = ({ children }: { children: ReactNode }) => (
  <span style={STYLE}>{children}</span>
);
