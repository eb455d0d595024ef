import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TabSettingsAnswer } from '../../contract/tab-settings.ts';
import {
  EARLY_MODULE,
  PAGE_MODULES,
  START_MODULE,
  demoSignInPath,
  pageModule,
  tabStartPage,
  type ViteManifest,
} from './tab-start-page.ts';

const local: TabSettingsAnswer = {
  mode: 'local',
  clientId: 'c0ffee00-5e4d-4b1c-9a8b-7c6d5e4f3a2b',
  tenantId: 't',
  apiScope: 'api://x/access_as_user',
  redirectUri: 'http://localhost:3978/auth-redirect.html',
};
const tenant: TabSettingsAnswer = { ...local, mode: 'tenant' };

const html = `<!doctype html><html><head><title>SENCO Hub</title>
<script type="module" crossorigin src="/assets/main-1.js"></script>
<link rel="modulepreload" crossorigin href="/assets/react-1.js">
<link rel="modulepreload" crossorigin href="/assets/early-1.js">
</head><body><div id="root"></div></body></html>`;

const manifest: ViteManifest = {
  'index.html': { file: 'assets/main-1.js', imports: ['_react-1.js'] },
  '_react-1.js': { file: 'assets/react-1.js' },
  '_grid-1.js': { file: 'assets/grid-1.js', imports: ['_react-1.js', '_format-1.js'] },
  '_format-1.js': { file: 'assets/format-1.js' },
  'features/register/components/register-page.tsx': {
    file: 'assets/register-page-1.js',
    imports: ['_react-1.js', '_grid-1.js'],
  },
  'app/pupil-page.tsx': { file: 'assets/pupil-page-1.js', imports: ['_react-1.js'] },
  'features/passport/components/passport-page.tsx': { file: 'assets/passport-page-1.js' },
  'auth/msal-sign-in.ts': { file: 'assets/msal-1.js' },
  'app/early-entry.ts': { file: 'assets/early-entry-1.js', imports: ['_early-1.js'] },
  '_early-1.js': { file: 'assets/early-1.js' },
  'app/other-themes.ts': { file: 'assets/other-themes-1.js' },
  '../../node_modules/@microsoft/teams-js/dist/esm/packages/teams-js/src/index.js': {
    file: 'assets/teams-1.js',
  },
};

const page = (address: string, settings = local) =>
  tabStartPage(html, new URL(address, 'http://localhost:3978'), settings, manifest);
/** The modulepreloads written, but the early module's (its own test below). */
const preloads = (out: string) =>
  [...out.matchAll(/<link rel="modulepreload" crossorigin href="\/([^"]+)">/g)]
    .map((m) => m[1])
    .filter((file) => file !== 'assets/early-1.js');

describe('the tab’s page, made for the address asked for', () => {
  it('carries the tab’s settings, which no value can break out of', () => {
    const out = tabStartPage(html, new URL('http://localhost/'), { ...local, tenantId: '</script><b>' });
    const json = /<script type="application\/json" id="sencohub-tab-settings">(.*?)<\/script>/.exec(out)?.[1];
    expect(JSON.parse(json ?? '')).toEqual({ ...local, tenantId: '</script><b>' });
    expect(out).not.toContain('</script><b>');
  });

  it('preloads the requested page’s code and what it imports, once, leaving out what the page already has', () => {
    // After the tab's own script and its preloads (react-1.js): that script signs in, and should not wait.
    expect(preloads(page('/?page=register'))).toEqual([
      'assets/react-1.js',
      'assets/register-page-1.js',
      'assets/grid-1.js',
      'assets/format-1.js',
    ]);
    expect(preloads(page('/?page=pupil/p-1'))).toEqual(['assets/react-1.js', 'assets/pupil-page-1.js']);
    expect(preloads(page('/?page=pupil/p-1/passport'))).toContain('assets/passport-page-1.js');
    expect(preloads(page('/?page=pupil/p-1/passport'))).not.toContain('assets/pupil-page-1.js');
  });

  it('preloads no page’s code for an unknown page or none', () => {
    expect(preloads(page('/'))).toEqual(['assets/react-1.js']);
    expect(preloads(page('/?page=constructor'))).toEqual(['assets/react-1.js']);
    expect(pageModule('__proto__')).toBeUndefined();
  });

  it('asks for MSAL’s code with a tenant only, and for the local demo sign-in in local mode only', () => {
    expect(preloads(page('/?page=register', tenant))).toContain('assets/msal-1.js');
    // MSAL is asked for ahead of the tab's script: sign-in needs it as soon as that script runs.
    const withTenant = page('/', tenant);
    expect(withTenant.indexOf('msal-1.js')).toBeLessThan(withTenant.indexOf('<script type="module"'));
    expect(preloads(page('/?page=register'))).not.toContain('assets/msal-1.js');
    expect(page('/', tenant)).not.toContain('demo-sign-in');
    const out = page('/');
    expect(out).toContain('<link rel="preload" as="fetch" crossorigin href="/local365/demo-sign-in">');
    // Asked for ahead of the page's scripts.
    expect(out.indexOf('demo-sign-in')).toBeLessThan(out.indexOf('<script type="module"'));
  });

  it('asks for the demo user named by ?user=, at the address the tab will ask for', () => {
    const out = page('/?page=register&user=s.patel%40oakfield.example.org');
    const path = demoSignInPath('s.patel@oakfield.example.org');
    expect(path).toBe('/local365/demo-sign-in?upn=s.patel%40oakfield.example.org');
    expect(out).toContain(`href="${path}"`);
    expect(page('/?user=%22%3E%3Cscript%3E')).not.toContain('"><script>');
  });

  it('in local mode runs the early module ahead of the main script, its import asked for beside it', () => {
    const out = page('/?page=register');
    const early = out.indexOf('<script type="module" crossorigin src="/assets/early-entry-1.js"></script>');
    expect(early).toBeGreaterThan(out.indexOf('demo-sign-in')); // it takes the sign-in the page asked for
    expect(early).toBeLessThan(out.indexOf('src="/assets/main-1.js"'));
    // Its import is preloaded at once, not only where the built page lists it, after the main script.
    const preloadedEarly = out.indexOf('<link rel="modulepreload" crossorigin href="/assets/early-1.js">');
    expect(preloadedEarly).toBeGreaterThan(early);
    expect(preloadedEarly).toBeLessThan(out.indexOf('src="/assets/main-1.js"'));
  });

  it('leaves the early module out with a tenant (MSAL signs in there), and when the build has none', () => {
    expect(page('/?page=register', tenant)).not.toContain('early-entry-1.js');
    const { [EARLY_MODULE]: _left, ...older } = manifest;
    const out = tabStartPage(html, new URL('http://localhost:3978/?page=register'), local, older);
    expect(out).not.toContain('early-entry');
    expect(out).toContain('demo-sign-in');
  });

  it('preloads the tab’s code, which the main script imports only once the early requests are sent', () => {
    const built: ViteManifest = {
      ...manifest,
      [START_MODULE]: { file: 'assets/start-1.js', imports: ['_shell-1.js', '_react-1.js'] },
      '_shell-1.js': { file: 'assets/shell-1.js' },
    };
    for (const settings of [local, tenant]) {
      const out = tabStartPage(html, new URL('http://localhost:3978/?page=register'), settings, built);
      // Ahead of the main script, which waits for nothing else before importing it.
      expect(out.indexOf('href="/assets/shell-1.js"')).toBeGreaterThan(0);
      expect(out.indexOf('href="/assets/shell-1.js"')).toBeLessThan(out.indexOf('src="/assets/main-1.js"'));
      expect(out).toContain('<link rel="modulepreload" crossorigin href="/assets/start-1.js">');
    }
    const main = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../tab/main.tsx'), 'utf8');
    expect(main).toContain(`import('./${START_MODULE}')`);
  });

  it('names the early module as vite.config.ts builds it', () => {
    const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
    const config = readFileSync(join(root, 'vite.config.ts'), 'utf8');
    expect(config).toContain(`early: 'src/tab/${EARLY_MODULE}'`);
  });

  it('inside Teams (its address carries the theme) preloads TeamsJS, and the dark theme when asked for', () => {
    expect(preloads(page('/?page=register&theme=default'))).toContain('assets/teams-1.js');
    expect(preloads(page('/?page=register'))).not.toContain('assets/teams-1.js');
    expect(preloads(page('/?theme=dark'))).toContain('assets/other-themes-1.js');
    expect(preloads(page('/?theme=default'))).not.toContain('assets/other-themes-1.js');
  });

  it('names the same module for each page as the tab loads it (src/tab/app/pages.ts)', () => {
    const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../tab/app');
    const source = readFileSync(join(appDir, 'pages.ts'), 'utf8');
    const imports = Object.fromEntries(
      [...source.matchAll(/^\s*'?([\w-]+)'?: \(\) => import\('([^']+)'\)/gm)].map((m) => [
        m[1],
        relative(resolve(appDir, '..'), resolve(appDir, m[2] ?? '')),
      ]),
    );
    expect(imports).toEqual(PAGE_MODULES);
  });
});
