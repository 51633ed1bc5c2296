export { ShippedImprovementsSection } from './ShippedImprovementsSection';
