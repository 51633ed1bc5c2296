import {
  createFrontendPlugin,
  createRouteRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import ErrorOutlineIcon from '@material-ui/icons/ErrorOutline';

// Where a broken catalog file shows up for the people who can fix it.
export const catalogErrorsRouteRef = createRouteRef();

const catalogErrorsPage = PageBlueprint.make({
  params: {
    routeRef: catalogErrorsRouteRef,
    path: '/catalog-errors',
    title: 'Catalog errors',
    icon: <ErrorOutlineIcon fontSize="inherit" />,
    loader: () =>
      import('./CatalogErrorsPage').then(m => <m.CatalogErrorsPage />),
  },
});

export const catalogErrorsPlugin = createFrontendPlugin({
  routes: { root: catalogErrorsRouteRef },
  pluginId: 'catalog-errors',
  extensions: [catalogErrorsPage],
});
