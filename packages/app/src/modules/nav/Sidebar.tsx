import {
  Sidebar,
  SidebarDivider,
  SidebarGroup,
  SidebarItem,
  SidebarScrollWrapper,
  SidebarSpace,
} from '@backstage/core-components';
import {
  NavContentBlueprint,
  NavContentNavItem,
} from '@backstage/plugin-app-react';
import { makeStyles } from '@material-ui/core/styles';
import MenuIcon from '@material-ui/icons/Menu';
import { UserSettingsSignInAvatar } from '@backstage/plugin-user-settings';
import { NotificationsSidebarItem } from '@backstage/plugin-notifications';
import { SidebarLogo } from './SidebarLogo';

/** Shorter names than the pages' own titles, where those do not fit. */
const SIDEBAR_TITLES: Record<string, string> = {
  // The page is "Register Existing Component"; components are not all it takes.
  'page:catalog-import': 'Register existing',
};

const useStyles = makeStyles({
  item: {
    // The slot for a badge after the label is empty on these items: give
    // its 56 px to the label.
    '& > div:last-child:empty': { width: 0 },
    // A title still too long wraps onto a second line instead of ending in
    // "…" (the label is the item's only span).
    '& > span': { whiteSpace: 'normal', lineHeight: 1.2 },
  },
});

const NavItem = (item: NavContentNavItem) => {
  const classes = useStyles();
  return (
    <SidebarItem
      className={classes.item}
      icon={() => item.icon}
      to={item.href}
      text={SIDEBAR_TITLES[item.node.spec.id] ?? item.title}
    />
  );
};

// The sidebar order is fixed on purpose: the four jobs of the portal first,
// then the tools every page needs.
export const SidebarContent = NavContentBlueprint.make({
  params: {
    component: ({ navItems }) => {
      const nav = navItems.withComponent(NavItem);
      nav.take('page:notifications'); // rendered below with its unread badge
      const settings = nav.take('page:user-settings');

      return (
        <Sidebar>
          <SidebarLogo />
          <SidebarDivider />
          <SidebarGroup label="Menu" icon={<MenuIcon />}>
            {nav.take('page:home')}
            {nav.take('page:catalog')}
            {nav.take('page:api-docs')}
            {nav.take('page:scaffolder')}
            {nav.take('page:search')}
            <SidebarDivider />
            <SidebarScrollWrapper>
              {nav.rest({ sortBy: 'title' })}
            </SidebarScrollWrapper>
          </SidebarGroup>
          <SidebarSpace />
          <SidebarDivider />
          <NotificationsSidebarItem />
          <SidebarDivider />
          <SidebarGroup
            label="Settings"
            icon={<UserSettingsSignInAvatar />}
            to="/settings"
          >
            {settings}
          </SidebarGroup>
        </Sidebar>
      );
    },
  },
});
