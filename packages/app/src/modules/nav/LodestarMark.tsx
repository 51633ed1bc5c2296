// Lodestar's own mark: a four-pointed guiding star inside a ring.
export const LodestarMark = ({ size = 28 }: { size?: number }) => (
  <svg
    width={size}
    height={size}
    viewBox="0 0 32 32"
    role="img"
    aria-label="Lodestar"
  >
    <circle
      cx="16"
      cy="16"
      r="14"
      fill="none"
      stroke="#f5b942"
      strokeWidth="2"
    />
    <path
      d="M16 3 L19 13 L29 16 L19 19 L16 29 L13 19 L3 16 L13 13 Z"
      fill="#f5b942"
    />
    <circle cx="16" cy="16" r="2.5" fill="#0b2540" />
  </svg>
);
