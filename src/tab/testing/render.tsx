import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { configure, render } from '@testing-library/react';
import { setupServer } from 'msw/node';
import type { ReactNode } from 'react';
import { createApiClient } from '../api/api-client.ts';
import { ApiSessionProvider } from '../api/api-context.tsx';
import { urlForRoute, type Route } from '../app/route.ts';
import { RouterProvider } from '../app/router.tsx';
import type { Me } from '../../domain/me-view.ts';
import { UndoBar, UndoProvider } from '../components/undo.tsx';
import { TabHostProvider } from '../host/tab-host-context.tsx';
import type { TabHost } from '../host/teams-host.ts';
import { buildMe } from './builders.ts';

// CI machines and busy laptops are slow: wait up to 15 s for something to appear before failing (inside the
// 20 s a test may take). A file's first render pays for Fluent's styles and a cold JIT: on a loaded two-core
// machine the class view's first heading took over 5 s to appear, and the test failed though nothing was wrong.
configure({ asyncUtilTimeout: 15_000 });

/** MSW for a test file: every request must be answered by a handler the test set up. */
export function setupApiServer() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

export function createTestQueryClient() {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } },
  });
}

/**
 * Renders part of the tab as a signed-in user would see it: theme, a fresh query client, the router (at
 * `route`), undo, and the API client with a test token.
 */
/** matchMedia for a screen `width` pixels wide (jsdom has none): enough for min-width/max-width queries. */
function screenOfWidth(width: number) {
  const matches = (query: string) =>
    [...query.matchAll(/\((min|max)-width:\s*(\d+)px\)/g)].every(([, kind, px]) =>
      kind === 'min' ? width >= Number(px) : width <= Number(px),
    );
  window.matchMedia = (query: string) =>
    ({
      matches: matches(query),
      media: query,
      onchange: null,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      addListener: () => undefined,
      removeListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

/**
 * jsdom lays nothing out: `offsetParent` is always null and the body measures 0 × 0, so Fluent's focus
 * manager (Tabster) takes every element for hidden. A dialog then finds nothing to focus, focuses its own surface, its modal
 * never becomes the active one, and 250 ms later the dialog itself is made aria-hidden, a state no browser
 * shows. Here, as in a browser, the body fills the window and an element in the document has an offset
 * parent unless it or an ancestor is hidden (https://drafts.csswg.org/cssom-view/#dom-htmlelement-offsetparent):
 * Fluent's dialogs then focus their first field and stay in the accessibility tree, so tests can check both.
 */
function layoutAsInABrowser(width: number) {
  const height = 800;
  HTMLBodyElement.prototype.getBoundingClientRect = () => new DOMRect(0, 0, width, height);
  const key = Symbol.for('senco-hub.offsetParent');
  const proto = HTMLElement.prototype as unknown as Record<symbol, boolean>;
  if (proto[key]) return;
  proto[key] = true;
  Object.defineProperty(HTMLElement.prototype, 'offsetParent', {
    configurable: true,
    get(this: HTMLElement): Element | null {
      const body = this.ownerDocument.body;
      if (!this.isConnected || this === body || this === this.ownerDocument.documentElement) return null;
      for (let el = this.parentElement; el && el !== body; el = el.parentElement) {
        if (el.hidden || el.style.display === 'none') return null;
      }
      if (this.hidden || this.style.display === 'none' || getComputedStyle(this).display === 'none')
        return null;
      return this.parentElement ?? body;
    },
  });
}

/** What jsdom lacks and Fluent or the tab expects of a browser; a fresh address and storage for each test. */
export function prepareBrowser(options: { width?: number; url?: string } = {}) {
  screenOfWidth(options.width ?? 1280);
  layoutAsInABrowser(options.width ?? 1280);
  window.history.replaceState(null, '', new URL(options.url ?? '/', window.location.href));
  window.scrollTo = () => undefined;
  // Each test starts as a fresh browser would: no remembered filters or saved views.
  sessionStorage.clear();
  localStorage.clear();
  if (!('ResizeObserver' in window)) {
    class NoResizeObserver {
      observe() {}
      unobserve() {}
      disconnect() {}
    }
    Object.assign(window, { ResizeObserver: NoResizeObserver });
  }
}

/** A host outside Teams whose clipboard always works; tests of the host's actions pass their own. */
const browserHost: TabHost = { shareLink: () => Promise.resolve('copied') };

export function renderInTab(
  ui: ReactNode,
  options: { me?: Me; route?: Route; width?: number; before?: () => void; host?: TabHost } = {},
) {
  prepareBrowser({ width: options.width ?? 1280 });
  options.before?.();
  const route = options.route ?? { name: 'home' };
  window.history.replaceState(null, '', urlForRoute(new URL(window.location.href), route));
  const queryClient = createTestQueryClient();
  const api = createApiClient(() => Promise.resolve('test-token'));
  const me = options.me ?? buildMe();
  const result = render(
    <FluentProvider theme={teamsLightTheme}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider>
          <UndoProvider>
            <TabHostProvider host={options.host ?? browserHost}>
              <ApiSessionProvider api={api} me={me}>
                <UndoBar />
                {ui}
              </ApiSessionProvider>
            </TabHostProvider>
          </UndoProvider>
        </RouterProvider>
      </QueryClientProvider>
    </FluentProvider>,
  );
  return { ...result, queryClient };
}
