export { UnmatchedSourcesSection } from './UnmatchedSourcesSection';
