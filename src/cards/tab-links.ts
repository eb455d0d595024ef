/**
 * Links from a card into the SENCO Hub tab. Teams opens a deep link to the personal tab at the page its
 * `subEntityId` names, which the tab receives as `subPageId` (the manifest's contentUrl puts it in `?page=`):
 * https://learn.microsoft.com/en-us/microsoftteams/platform/concepts/build-and-test/deep-link-application
 * Page strings are the tab's own (src/tab/app/route.ts): `pupil/<id>/passport`.
 */

/** The static tab the links open; its entityId in the manifest. */
export const TAB_ENTITY_ID = 'home';

export type TabLinkOptions = {
  /** The Teams app id (the manifest's `id`, or the org catalogue id once published). */
  teamsAppId: string;
  /** Where the tab is served, e.g. https://senco-hub.school.example. */
  publicUrl: string;
};

export function passportPage(pupilId: string): string {
  return `pupil/${encodeURIComponent(pupilId)}/passport`;
}

/** The tab's own address for a page (used outside Teams, and as the deep link's webUrl). */
export function tabWebUrl(publicUrl: string, page: string): string {
  const url = new URL('/', publicUrl);
  url.searchParams.set('page', page);
  return url.href;
}

/** A Teams deep link that opens the SENCO Hub tab at `page`. */
export function tabDeepLink(options: TabLinkOptions, page: string, label: string): string {
  const params = new URLSearchParams({
    webUrl: tabWebUrl(options.publicUrl, page),
    label,
    context: JSON.stringify({ subEntityId: page }),
  });
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(options.teamsAppId)}/${TAB_ENTITY_ID}?${params.toString()}`;
}

const PUPIL_PAGE = /^pupil\/([^/]+)(?:\/[a-z-]+)?$/;

/**
 * The pupil a link to the tab is about, or undefined: the tab's own address (`?page=pupil/<id>…` on our host)
 * or a Teams deep link to our app whose context names such a page. Anything else is not ours.
 */
export function pupilIdFromLink(link: string, options: TabLinkOptions): string | undefined {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return undefined;
  }
  let page: string | null = null;
  if (url.host === new URL(options.publicUrl).host) {
    page = url.searchParams.get('page');
  } else if (
    url.protocol === 'https:' &&
    url.host === 'teams.microsoft.com' &&
    url.pathname.startsWith(`/l/entity/${encodeURIComponent(options.teamsAppId)}/`)
  ) {
    try {
      const context = JSON.parse(url.searchParams.get('context') ?? '{}') as { subEntityId?: unknown };
      page = typeof context.subEntityId === 'string' ? context.subEntityId : null;
    } catch {
      return undefined;
    }
  }
  const match = page ? PUPIL_PAGE.exec(page) : null;
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}
