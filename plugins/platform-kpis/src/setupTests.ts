// Jest setup: the DOM matchers (toBeInTheDocument, toHaveAttribute, ...).
import '@testing-library/jest-dom';
