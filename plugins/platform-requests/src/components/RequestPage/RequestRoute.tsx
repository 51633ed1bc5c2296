/*
 * The page extension's element: reads :key from the route and renders the
 * request, keyed so moving between requests starts from a clean state.
 */
import { useRouteRefParams } from '@backstage/frontend-plugin-api';
import { requestRouteRef } from '../../routes';
import { RequestPage } from './RequestPage';

export const RequestRoute = () => {
  const { key } = useRouteRefParams(requestRouteRef);
  return <RequestPage key={key} requestKey={key} />;
};
