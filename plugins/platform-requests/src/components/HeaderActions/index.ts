export { HeaderActions } from './HeaderActions';
