// Jest setup: the DOM matchers (toBeInTheDocument, toHaveAttribute, ...).
import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// How long a test may wait, not how fast the page must be. findBy… and
// waitFor give up after 1 s by default and a test after 5 s; with every suite
// running at once on two cores (and a busy machine besides) a lazily loaded
// page and a typed form take longer than that, and tests failed for it.
// Speed is measured in bench/, never here.
configure({ asyncUtilTimeout: 15_000 });
jest.setTimeout(60_000);
