/*
 * The page extension's element: reads :id from the route and renders the
 * improvement, keyed so moving between improvements starts clean.
 */
import { useRouteRefParams } from '@backstage/frontend-plugin-api';
import { improvementRouteRef } from '../../routes';
import { ImprovementPage } from './ImprovementPage';

export const ImprovementRoute = () => {
  const { id } = useRouteRefParams(improvementRouteRef);
  return <ImprovementPage key={id} id={id} />;
};
