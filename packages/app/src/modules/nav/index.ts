import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SidebarContent } from './Sidebar';
import { SignInPage } from './SignInPage';
import { oidcAuthApi } from './oidcAuthApi';

export const navModule = createFrontendModule({
  pluginId: 'app',
  extensions: [SidebarContent, SignInPage, oidcAuthApi],
});
