import { createApiRouter } from '../../src/server/api/api-router.ts';
import type { ApiDeps } from '../../src/server/api/request-context.ts';

export type ApiRoute = { method: string; path: string };

type Layer = {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
};

/**
 * Every route the tab's API serves, read from the router itself (so a route added later is in the list
 * without anyone remembering to add it): `{ method: 'PUT', path: '/api/pupils/:pupilId/passport' }`.
 */
export function apiRoutes(): ApiRoute[] {
  // Building the router registers its routes; no dependency is used until a request arrives.
  const router = createApiRouter({} as ApiDeps) as unknown as { stack: Layer[] };
  const found: ApiRoute[] = [];
  const walk = (stack: readonly Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const [method, on] of Object.entries(layer.route.methods)) {
          if (on && method !== '_all')
            found.push({ method: method.toUpperCase(), path: `/api${layer.route.path}` });
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk(router.stack);
  return found;
}
