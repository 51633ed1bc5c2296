import { createFrontendModule } from '@backstage/frontend-plugin-api';
import userSettingsPlugin from '@backstage/plugin-user-settings/alpha';

/*
 * Settings → General: the user-settings plugin's own tab (profile,
 * appearance, identity) with Lodestar's "Date and number format" added,
 * which every date and number in the portal follows
 * (@internal/lodestar-react's useLocaleFormat).
 */
const generalSettingsPage = userSettingsPlugin
  .getExtension('sub-page:user-settings/general')
  .override({
    params: {
      path: 'general',
      title: 'General',
      loader: () =>
        import('./GeneralSettings').then(m => <m.GeneralSettings />),
    },
  });

export const generalSettingsModule = createFrontendModule({
  pluginId: 'user-settings',
  extensions: [generalSettingsPage],
});
