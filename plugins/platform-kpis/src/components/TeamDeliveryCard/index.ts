export { TeamDeliveryCard } from './TeamDeliveryCard';
