import {
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import HomeIcon from '@material-ui/icons/Home';

// Lodestar's own home page, at the root of the portal.
const homePage = PageBlueprint.make({
  params: {
    path: '/',
    title: 'Home',
    icon: <HomeIcon fontSize="inherit" />,
    noHeader: true,
    loader: () => import('./HomePage').then(m => <m.HomePage />),
  },
});

export const homePlugin = createFrontendPlugin({
  pluginId: 'home',
  extensions: [homePage],
});
