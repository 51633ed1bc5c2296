import { Content } from '@backstage/core-components';
import {
  UserSettingsAppearanceCard,
  UserSettingsIdentityCard,
  UserSettingsProfileCard,
} from '@backstage/plugin-user-settings';
import Grid from '@material-ui/core/Grid';
import { LocaleFormatCard } from './LocaleFormatCard';

/** The stock General tab's cards, with the date and number format after Appearance. */
export const GeneralSettings = () => (
  <Content>
    <Grid container direction="row" spacing={3}>
      <Grid item xs={12} md={6}>
        <UserSettingsProfileCard />
      </Grid>
      <Grid item xs={12} md={6}>
        <UserSettingsAppearanceCard />
      </Grid>
      <Grid item xs={12} md={6}>
        <LocaleFormatCard />
      </Grid>
      <Grid item xs={12} md={6}>
        <UserSettingsIdentityCard />
      </Grid>
    </Grid>
  </Content>
);
