// Jest setup: the DOM matchers (toBeInTheDocument, toHaveAttribute, ...).
import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// findBy… and waitFor give up after 1 s by default; with every suite running
// at once on two cores a lazily loaded page can take longer than that to
// first render. This is how long a test waits, not how fast the page must be.
configure({ asyncUtilTimeout: 5_000 });
