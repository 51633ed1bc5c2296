export { RequestPage } from './RequestPage';
export { RequestRoute } from './RequestRoute';
