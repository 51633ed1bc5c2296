export { EntityImprovementsContent } from './EntityImprovementsContent';
