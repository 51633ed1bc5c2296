export { CatalogHealthSection } from './CatalogHealthSection';
