import type { Me } from '../../domain/me-view.ts';
import type { Route, RouteName } from './route.ts';

/**
 * Which pages a person gets, from what the server says they may do. The server still decides what each
 * page shows; this only keeps people from landing on a page that would be empty for their role.
 */
export type NavItem = { label: string; route: Route };

export function navItemsFor(me: Me, teamGroupId: string | undefined): NavItem[] {
  const items: NavItem[] = [];
  if (teamGroupId) items.push({ label: 'This class', route: { name: 'class', groupId: teamGroupId } });
  if (me.can.fullRecords) {
    items.push(
      { label: 'Home', route: { name: 'home' } },
      { label: 'Register', route: { name: 'register' } },
      { label: 'Provision map', route: { name: 'provision' } },
    );
    if (me.can.settings) items.push({ label: 'Settings', route: { name: 'settings' } });
  } else if (me.can.aggregates) {
    items.push(
      { label: 'Overview', route: { name: 'home' } },
      { label: 'Provision costs', route: { name: 'provision' } },
    );
  } else {
    items.push(
      { label: 'My pupils', route: { name: 'my-pupils' } },
      { label: 'Interventions', route: { name: 'provision' } },
    );
  }
  return items;
}

/**
 * The landing page. Inside a class team everyone lands on that class (a configurable tab's landing page is
 * the same for all its members); elsewhere the SEND team and the headteacher get home, other staff their pupils.
 */
export function defaultRoute(me: Me, teamGroupId: string | undefined): Route {
  if (teamGroupId) return { name: 'class', groupId: teamGroupId };
  if (me.can.fullRecords || me.can.aggregates) return { name: 'home' };
  return { name: 'my-pupils' };
}

/** Pages a role has no use for: shown as a short explanation rather than an empty or failing page. */
export function pageAllowed(me: Me, name: RouteName): boolean {
  switch (name) {
    case 'home':
      return me.can.fullRecords || me.can.aggregates;
    case 'register':
      return me.can.fullRecords;
    case 'my-pupils':
      return !me.can.fullRecords;
    case 'settings':
      return me.can.settings;
    default:
      return true;
  }
}

/** The nav item that a page belongs under (a pupil's record sits under the register for the SEND team). */
export function navSectionOf(route: Route, me: Me): RouteName {
  if (route.name === 'pupil' || route.name === 'passport')
    return me.can.fullRecords ? 'register' : 'my-pupils';
  return route.name;
}
