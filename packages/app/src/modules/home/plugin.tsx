import {
  createFrontendPlugin,
  createRouteRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import HomeIcon from '@material-ui/icons/Home';

// Lodestar's own home page, at the root of the portal.
export const homeRouteRef = createRouteRef();

const homePage = PageBlueprint.make({
  params: {
    routeRef: homeRouteRef,
    path: '/',
    title: 'Home',
    icon: <HomeIcon fontSize="inherit" />,
    noHeader: true,
    loader: () => import('./HomePage').then(m => <m.HomePage />),
  },
});

export const homePlugin = createFrontendPlugin({
  routes: { root: homeRouteRef },
  pluginId: 'home',
  extensions: [homePage],
});
