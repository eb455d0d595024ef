import type * as TeamsJsModule from '@microsoft/teams-js';

type TeamsJs = typeof TeamsJsModule;

let teamsJs: Promise<TeamsJs> | undefined;
/**
 * TeamsJS (about 16 KB gzipped) is loaded only when the tab is framed: a browser tab never needs it, and the
 * first screen should not wait for it. The configuration page, shown only inside Teams, imports it directly
 * (teams-config.ts).
 */
const loadTeamsJs = () => (teamsJs ??= import('@microsoft/teams-js'));

export type ThemeName = 'default' | 'dark' | 'contrast';

/** What the tab knows about where it is running. */
export type HostContext = {
  inTeams: boolean;
  theme: ThemeName;
  /** The team's Microsoft 365 group id (= the Education class id in a class team). */
  teamGroupId: string | undefined;
  /** Deep-link target inside the tab (e.g. a pupil). */
  subPageId: string | undefined;
  loginHint: string | undefined;
  tenantId: string | undefined;
  frameContext: string | undefined;
};

const TEAMS_INIT_TIMEOUT_MS = 5_000;

const isFramed = () => {
  try {
    return window.self !== window.top;
  } catch {
    return true; // cross-origin parent: framed
  }
};

const asTheme = (t: string | undefined | null): ThemeName =>
  t === 'dark' || t === 'contrast' ? t : 'default';

/**
 * Starts TeamsJS only when the page is framed. In a plain browser tab `app.initialize()` rejects at once,
 * and framed by a non-Teams page it would wait 60 s; our own timer keeps the stand-alone start quick.
 */
export async function detectHost(location: Location): Promise<HostContext> {
  const params = new URLSearchParams(location.search);
  const standalone: HostContext = {
    inTeams: false,
    theme: asTheme(params.get('theme')),
    teamGroupId: params.get('team') ?? undefined,
    subPageId: params.get('page') ?? undefined,
    loginHint: params.get('user') ?? undefined,
    tenantId: undefined,
    frameContext: undefined,
  };
  if (!isFramed()) return standalone;
  try {
    const { app } = await loadTeamsJs();
    await Promise.race([
      app.initialize(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('Teams did not answer')), TEAMS_INIT_TIMEOUT_MS),
      ),
    ]);
    const context = await app.getContext();
    return {
      inTeams: true,
      theme: asTheme(context.app.theme),
      teamGroupId: context.team?.groupId ?? undefined,
      subPageId: context.page.subPageId ?? undefined,
      loginHint: context.user?.loginHint ?? context.user?.userPrincipalName ?? undefined,
      tenantId: context.user?.tenant?.id ?? undefined,
      frameContext: context.page.frameContext ?? undefined,
    };
  } catch {
    return standalone;
  }
}

/** Follows Teams' theme as the user changes it. */
export function onThemeChange(handler: (theme: ThemeName) => void): void {
  void loadTeamsJs().then(({ app }) => app.registerOnThemeChangeHandler((t) => handler(asTheme(t))));
}

/** Tells Teams the content is showing (hides its loading indicator). */
export function notifyShown(): void {
  void loadTeamsJs()
    .then(({ app }) => app.notifySuccess())
    .catch(() => undefined);
}

/** The tab as a configurable tab in a class team or group chat saves it (see the manifest's configurableTabs). */
export type TabConfiguration = {
  entityId: string;
  contentUrl: string;
  websiteUrl: string;
  suggestedDisplayName: string;
};

/** What our configuration page saves: the same page for every member, told by Teams which team it is in. */
export function classTabConfiguration(origin: string, displayName: string): TabConfiguration {
  return {
    entityId: 'senco-hub-class',
    // Teams fills the placeholders: a deep link's sub-page and the user's theme.
    contentUrl: `${origin}/?page={page.subPageId}&theme={app.theme}`,
    websiteUrl: `${origin}/`,
    suggestedDisplayName: displayName.trim() || 'SEND',
  };
}

/** A page of the tab to send someone to: its page string (a deep link's subPageId) and what the link is called. */
export type PageLink = { page: string; label: string };

/** What the tab asks of the place it runs in once started; components reach it through `useTabHost()`. */
export type TabHost = {
  /**
   * Passes on a link to a page of the tab: inside Teams, Teams' own share (a deep link that opens this tab at
   * that page, for colleagues who can see the tab); elsewhere the tab's address for the page, on the clipboard.
   */
  shareLink(link: PageLink): Promise<'shared' | 'copied'>;
};

/**
 * The tab's own address for a page, and nothing more: the current address may carry the demo user, the team
 * and the theme, which are the sender's, not the page's.
 */
export function webUrlForPage(origin: string, page: string): string {
  const url = new URL('/', origin);
  url.searchParams.set('page', page);
  return url.href;
}

export function createTabHost(
  context: HostContext,
  browser: { origin: string; clipboard: Pick<Clipboard, 'writeText'> | undefined },
): TabHost {
  return {
    async shareLink(link) {
      const webUrl = webUrlForPage(browser.origin, link.page);
      const pages = context.inTeams ? (await loadTeamsJs()).pages : undefined;
      if (pages?.isSupported()) {
        pages.shareDeepLink({ subPageId: link.page, subPageLabel: link.label, subPageWebUrl: webUrl });
        return 'shared';
      }
      if (!browser.clipboard) throw new Error('This browser does not let SENCO Hub use the clipboard.');
      await browser.clipboard.writeText(webUrl);
      return 'copied';
    },
  };
}
