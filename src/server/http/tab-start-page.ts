import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TabSettingsAnswer } from '../../contract/tab-settings.ts';

/**
 * The tab's page (index.html) as the server sends it, made for the address asked for so that nothing the first
 * screen needs waits for the tab's script to ask:
 * - the tab's settings written into the page (no `/api/tab-settings` round trip before sign-in);
 * - `<link rel="modulepreload">` for the code of the page named by `?page=` (the register's grid, a pupil's
 *   record), which the tab would otherwise ask for only once its own script had run;
 * - with a tenant, MSAL's code (sign-in needs it at once); inside Teams (whose tab address carries `theme=`),
 *   TeamsJS, and the dark or high-contrast theme when that is the one asked for;
 * - in local mode, the demo sign-in itself (`/local365/demo-sign-in`, a token for the demo user of `?user=`, or
 *   the SENCO), so the token is here by the time the script is; and the tab's early module
 *   (src/tab/app/early-start.ts, a few KB), which runs ahead of the main script and, with that token, asks for
 *   `/api/me` and the page's first data while React and Fluent UI are still arriving;
 * - the tab's code itself (start.tsx), which the main script imports once those requests are sent.
 * Which file holds which module is read from vite's manifest (dist/tab/.vite/manifest.json, `build.manifest`).
 */
export type ViteManifest = Record<string, { file: string; imports?: string[] }>;

/** The module that draws each page, by the first part of `?page=` (src/tab/app/route.ts), as vite names it. */
export const PAGE_MODULES: Record<string, string> = {
  home: 'app/home-page.tsx',
  register: 'features/register/components/register-page.tsx',
  pupil: 'app/pupil-page.tsx',
  passport: 'features/passport/components/passport-page.tsx',
  provision: 'features/provision/components/provision-page.tsx',
  class: 'features/class-view/components/class-page.tsx',
  'my-pupils': 'features/my-pupils/components/my-pupils-page.tsx',
  settings: 'features/settings/components/settings-page.tsx',
  config: 'features/config/components/config-page.tsx',
};
const MSAL_MODULE = 'auth/msal-sign-in.ts';
/** The tab's code, which the main script (main.tsx) imports once the early requests are sent: needed at once. */
export const START_MODULE = 'start.tsx';
/** The early module's entry (vite.config.ts `early`): only in local mode, where it can sign in by itself. */
export const EARLY_MODULE = 'app/early-entry.ts';
const OTHER_THEMES_MODULE = 'app/other-themes.ts';
const TEAMS_JS_MODULE = /@microsoft\/teams-js\/.*\/index\.js$/;

/** The id of the `<script type="application/json">` holding the settings (read by src/tab/auth/tab-settings.ts). */
export const TAB_SETTINGS_ELEMENT_ID = 'sencohub-tab-settings';

export function readViteManifest(tabDir: string): ViteManifest | undefined {
  try {
    return JSON.parse(readFileSync(join(tabDir, '.vite', 'manifest.json'), 'utf8')) as ViteManifest;
  } catch {
    return undefined; // an older build, or none: the page is served with its settings only
  }
}

/** The manifest key of the module drawing `?page=`: 'pupil/{id}/passport' is the passport, not the record. */
export function pageModule(page: string | null): string | undefined {
  if (!page) return undefined;
  const [head, , tail] = page.split('/');
  if (head === 'pupil' && tail === 'passport') return PAGE_MODULES['passport'];
  return head !== undefined && Object.hasOwn(PAGE_MODULES, head) ? PAGE_MODULES[head] : undefined;
}

/** A module's file and every file it imports statically, in the order to fetch them. */
function filesOf(manifest: ViteManifest, key: string): string[] {
  const seen = new Set<string>();
  const visit = (k: string) => {
    const chunk = manifest[k];
    if (!chunk || seen.has(chunk.file)) return;
    seen.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(key);
  return [...seen];
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** JSON inside `<script>`: `<` escaped so no value can close the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** The address the tab asks for its demo sign-in at; the same string here and in the tab, so the preload is used. */
export function demoSignInPath(upn: string | null | undefined): string {
  return upn ? `/local365/demo-sign-in?upn=${encodeURIComponent(upn)}` : '/local365/demo-sign-in';
}

export function tabStartPage(html: string, url: URL, settings: TabSettingsAnswer, manifest?: ViteManifest) {
  const present = new Set([...html.matchAll(/(?:src|href)="\/([^"]+)"/g)].map((m) => m[1]));
  // Needed before the tab's script can sign in or draw: its code; MSAL with a tenant; inside Teams TeamsJS, and
  // the theme.
  const first: string[] = [START_MODULE];
  if (settings.mode === 'tenant') first.push(MSAL_MODULE);
  const theme = url.searchParams.get('theme');
  if (theme === 'dark' || theme === 'contrast') first.push(OTHER_THEMES_MODULE);
  const teamsJs = manifest && Object.keys(manifest).find((k) => TEAMS_JS_MODULE.test(k));
  if (theme !== null && teamsJs) first.push(teamsJs);
  // Needed once signed in: the page's own code, asked for after the tab's script.
  const page = pageModule(
    url.pathname.replace(/\/+$/, '') === '/config' ? 'config' : url.searchParams.get('page'),
  );

  const preloads = (modules: string[]) => {
    const files = manifest ? modules.flatMap((m) => filesOf(manifest, m)) : [];
    const links = [...new Set(files)]
      .filter((file) => !present.has(file))
      .map((file) => `<link rel="modulepreload" crossorigin href="/${escapeHtml(file)}">`);
    for (const file of files) present.add(file);
    return links;
  };
  const signIn =
    settings.mode === 'local'
      ? [
          `<link rel="preload" as="fetch" crossorigin href="${escapeHtml(demoSignInPath(url.searchParams.get('user')))}">`,
        ]
      : [];
  // A module script ahead of the main one runs first (scripts without `async` run in document order); its imports
  // are preloaded beside it, even if the page preloads them further down, so they are asked for first.
  const earlyFiles =
    settings.mode === 'local' && manifest?.[EARLY_MODULE] ? filesOf(manifest, EARLY_MODULE) : [];
  const early = earlyFiles.map((file, i) => {
    present.add(file);
    const href = escapeHtml(`/${file}`);
    return i === 0
      ? `<script type="module" crossorigin src="${href}"></script>`
      : `<link rel="modulepreload" crossorigin href="${href}">`;
  });
  const head = [
    `<script type="application/json" id="${TAB_SETTINGS_ELEMENT_ID}">${scriptJson(settings)}</script>`,
    ...signIn,
    ...early,
    ...preloads(first),
  ].join('\n    ');
  const tail = preloads(page ? [page] : []).join('\n    ');
  // The sign-in ahead of the page's own scripts, so it is asked for first (HTTP/1.1 allows six requests at a time);
  // the page's code after them, so the tab's script, which signs in, is not kept waiting behind it.
  const withTail = tail ? html.replace('</head>', `  ${tail}\n  </head>`) : html;
  const at = withTail.search(/<script\b|<\/head>/);
  return at < 0 ? `${head}\n${withTail}` : `${withTail.slice(0, at)}${head}\n    ${withTail.slice(at)}`;
}
