import { readFileSync } from 'node:fs';

export type SurfaceOperation = { method: string; path: string; query: string[] };

/**
 * Graph v1.0 operations that Microsoft documents but that the OpenAPI-derived package behind v1-surface.json
 * does not carry (OData functions, path addressing, the batch endpoint). Each cites its Learn page.
 */
const DOCUMENTED_SUPPLEMENT: (SurfaceOperation & { source: string })[] = [
  {
    method: 'POST',
    path: '/$batch',
    query: [],
    source: 'https://learn.microsoft.com/en-us/graph/json-batching',
  },
  {
    method: 'GET',
    path: '/sites/{site-id}/lists/{list-id}/items/delta',
    query: ['$select', '$expand', '$top', 'token', '$skiptoken', '$deltatoken'],
    source: 'https://learn.microsoft.com/en-us/graph/api/listitem-delta',
  },
  {
    method: 'GET',
    path: '/sites/{hostname}:/{server-relative-path}',
    query: ['$select', '$expand'],
    source: 'https://learn.microsoft.com/en-us/graph/api/site-getbypath',
  },
  {
    method: 'GET',
    path: '/groups/{group-id}/sites/root',
    query: ['$select', '$expand'],
    source: 'https://learn.microsoft.com/en-us/graph/api/site-getbypath',
  },
  {
    method: 'GET',
    path: '/me/calendarView/delta',
    query: ['startDateTime', 'endDateTime', '$skiptoken', '$deltatoken'],
    source: 'https://learn.microsoft.com/en-us/graph/api/event-delta',
  },
  {
    method: 'GET',
    path: '/sites/root',
    query: ['$select', '$expand'],
    source: 'https://learn.microsoft.com/en-us/graph/api/site-get',
  },
  {
    method: 'GET',
    path: "/servicePrincipals(appId='{appId}')",
    query: ['$select', '$expand'],
    source: 'https://learn.microsoft.com/en-us/graph/api/serviceprincipal-get',
  },
  ...(['POST', 'GET'] as const).map((method) => ({
    method,
    path: '/subscriptions',
    query: method === 'GET' ? ['$select'] : [],
    source: 'https://learn.microsoft.com/en-us/graph/api/subscription-post-subscriptions',
  })),
  ...(['GET', 'PATCH', 'DELETE'] as const).map((method) => ({
    method,
    path: '/subscriptions/{subscription-id}',
    query: method === 'GET' ? ['$select'] : [],
    source: 'https://learn.microsoft.com/en-us/graph/api/subscription-update',
  })),
];

/** Query options Graph accepts on any paged collection: the continuation tokens inside @odata.nextLink. */
export const PAGING_QUERY_OPTIONS = ['$skiptoken'];

let cached: Map<string, SurfaceOperation> | undefined;

function surface(): Map<string, SurfaceOperation> {
  if (!cached) {
    const ops = JSON.parse(
      readFileSync(new URL('./v1-surface.json', import.meta.url), 'utf8'),
    ) as SurfaceOperation[];
    cached = new Map([...ops, ...DOCUMENTED_SUPPLEMENT].map((op) => [`${op.method} ${op.path}`, op]));
  }
  return cached;
}

/** The Graph v1.0 operation for a method and path template, if Graph has it. */
export function findSurfaceOperation(method: string, template: string): SurfaceOperation | undefined {
  return surface().get(`${method.toUpperCase()} ${template}`);
}

/** Every v1.0 template under the stand-in's roots, for telling "not in Graph" from "not in the stand-in". */
export function surfaceOperations(): SurfaceOperation[] {
  return [...surface().values()];
}
