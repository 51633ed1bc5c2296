export { EntityRequestsContent } from './EntityRequestsContent';
