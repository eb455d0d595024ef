import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { routeFromUrl, sameRoute, urlForRoute, type Route } from './route.ts';

/**
 * Navigation without a router package: the route lives in the URL (`?page=`), each move is a history
 * entry so the browser's and Teams' back button work, and `depth` says whether there is an in-app page
 * to go back to.
 */
type HistoryState = { sencoHubDepth?: number } | null;

export type Navigate = (route: Route, options?: { replace?: boolean }) => void;

export type Router = {
  /** The page asked for, or undefined when the URL names none (the shell picks the role's default). */
  route: Route | undefined;
  navigate: Navigate;
  /** True when a previous page of this app is in the history. */
  canGoBack: boolean;
  back: () => void;
  /** Reads the route from the URL again, after something else changed it (the demo user switch). */
  sync: () => void;
  /** Counts moves to a new page (links, back and forward), not replacements of the current one. */
  moves: number;
};

const RouterContext = createContext<Router | undefined>(undefined);

const depthOf = (state: unknown) => (state as HistoryState)?.sencoHubDepth ?? 0;

export function RouterProvider(props: { initial?: Route | undefined; children: ReactNode }) {
  const [state, setState] = useState(() => ({
    route: props.initial ?? routeFromUrl(new URL(window.location.href)),
    depth: depthOf(window.history.state),
    moves: 0,
  }));

  useEffect(() => {
    // A deep link (Teams subPageId) that the URL does not carry yet: put it there, so reload keeps it.
    const url = new URL(window.location.href);
    if (props.initial && !routeFromUrl(url)) {
      window.history.replaceState({ sencoHubDepth: 0 }, '', urlForRoute(url, props.initial));
    }
    const onPop = (event: PopStateEvent) => {
      setState((s) => ({
        route: routeFromUrl(new URL(window.location.href)),
        depth: depthOf(event.state),
        moves: s.moves + 1,
      }));
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [props.initial]);

  const navigate = useCallback<Navigate>((route, options) => {
    const url = new URL(window.location.href);
    const current = routeFromUrl(url);
    const replace = options?.replace === true || (current !== undefined && sameRoute(current, route));
    const depth = depthOf(window.history.state) + (replace ? 0 : 1);
    const next = urlForRoute(url, route);
    if (replace) window.history.replaceState({ sencoHubDepth: depth }, '', next);
    else window.history.pushState({ sencoHubDepth: depth }, '', next);
    setState((s) => ({ route, depth, moves: s.moves + (replace ? 0 : 1) }));
    if (!replace) window.scrollTo?.({ top: 0 });
  }, []);

  const back = useCallback(() => window.history.back(), []);
  const sync = useCallback(
    () =>
      setState((s) => ({
        route: routeFromUrl(new URL(window.location.href)),
        depth: depthOf(window.history.state),
        moves: s.moves,
      })),
    [],
  );

  const value = useMemo<Router>(
    () => ({ route: state.route, navigate, canGoBack: state.depth > 0, back, sync, moves: state.moves }),
    [state, navigate, back, sync],
  );
  return <RouterContext.Provider value={value}>{props.children}</RouterContext.Provider>;
}

export function useRouter(): Router {
  const router = useContext(RouterContext);
  if (!router) throw new Error('useRouter must be used inside <RouterProvider>');
  return router;
}
