export * from './fixtures';
export * from './renderPage';
