/**
 * The tab's pages as a small typed value, and how each maps to the URL. Teams deep links carry the page
 * as `subPageId` (the manifest's contentUrl puts it in `?page=`), so the page string is the same in both.
 */
/** The parts of a pupil's record, each its own tab (and its own audited read). */
export const PUPIL_SECTIONS = [
  'overview',
  'sen-support',
  'ehc-plan',
  'interventions',
  'professionals',
  'meetings',
  'audit',
] as const;
export type PupilSection = (typeof PUPIL_SECTIONS)[number];

export type Route =
  | { name: 'home' }
  | { name: 'register' }
  | { name: 'pupil'; pupilId: string; section?: PupilSection }
  | { name: 'passport'; pupilId: string }
  | { name: 'provision' }
  | { name: 'class'; groupId: string }
  | { name: 'my-pupils' }
  | { name: 'settings' }
  | { name: 'config' };

export type RouteName = Route['name'];

const SEGMENT = /^[A-Za-z0-9._~-]{1,128}$/;

/** The `?page=` / subPageId value for a route ('' for the default page). */
export function pageOf(route: Route): string {
  switch (route.name) {
    case 'home':
      return 'home';
    case 'register':
      return 'register';
    case 'provision':
      return 'provision';
    case 'my-pupils':
      return 'my-pupils';
    case 'settings':
      return 'settings';
    case 'config':
      return 'config';
    case 'pupil':
      return route.section && route.section !== 'overview'
        ? `pupil/${encodeURIComponent(route.pupilId)}/${route.section}`
        : `pupil/${encodeURIComponent(route.pupilId)}`;
    case 'passport':
      return `pupil/${encodeURIComponent(route.pupilId)}/passport`;
    case 'class':
      return `class/${encodeURIComponent(route.groupId)}`;
  }
}

/**
 * Reads a page string (from `?page=` or a deep link's subPageId). Unknown or malformed pages give
 * undefined, and the caller falls back to the role's default page.
 */
export function parsePage(page: string | null | undefined): Route | undefined {
  if (!page) return undefined;
  const parts = page.split('/').map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return '';
    }
  });
  const [head, id, tail] = parts;
  const valid = (s: string | undefined): s is string => s !== undefined && SEGMENT.test(s);
  if (parts.length === 1) {
    if (
      head === 'home' ||
      head === 'register' ||
      head === 'provision' ||
      head === 'my-pupils' ||
      head === 'settings'
    ) {
      return { name: head };
    }
    if (head === 'config') return { name: 'config' };
    return undefined;
  }
  if (head === 'pupil' && valid(id)) {
    if (parts.length === 2) return { name: 'pupil', pupilId: id };
    if (parts.length === 3 && tail === 'passport') return { name: 'passport', pupilId: id };
    const section = PUPIL_SECTIONS.find((s) => s === tail);
    if (parts.length === 3 && section) return { name: 'pupil', pupilId: id, section };
  }
  if (head === 'class' && valid(id) && parts.length === 2) return { name: 'class', groupId: id };
  return undefined;
}

/** The route a URL names: `/config` is the configurable tab's configuration page, else `?page=`. */
export function routeFromUrl(url: URL): Route | undefined {
  if (url.pathname.replace(/\/+$/, '') === '/config') return { name: 'config' };
  return parsePage(url.searchParams.get('page'));
}

/**
 * The URL for a route, keeping the other parameters (`user`, `team`, `theme`) as they are. The config
 * page has its own path because Teams loads it from the manifest's configurationUrl.
 */
export function urlForRoute(current: URL, route: Route): URL {
  const next = new URL(current.href);
  if (route.name === 'config') {
    next.pathname = '/config';
    next.searchParams.delete('page');
    return next;
  }
  if (next.pathname.replace(/\/+$/, '') === '/config') next.pathname = '/';
  next.searchParams.set('page', pageOf(route));
  return next;
}

export function sameRoute(a: Route, b: Route): boolean {
  return pageOf(a) === pageOf(b);
}
