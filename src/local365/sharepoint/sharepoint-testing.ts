import type { SharePointQuirks, StandInContext } from '../context.ts';
import { openDatabase } from '../database.ts';
import {
  GraphDispatcher,
  type Caller,
  type DispatcherOptions,
  type GraphResponse,
} from '../graph/dispatcher.ts';
import { parseGraphUrl } from '../graph/http-adapter.ts';
import { registerSharePointRoutes, type SharePointStore } from './register-sharepoint-routes.ts';

/** Test kit for the SharePoint stand-in: an in-memory stand-in driven through the dispatcher, no HTTP. */

export const GRAPH_BASE = 'http://localhost:3978/local365/graph/v1.0';
export const HOSTNAME = 'oakfield.sharepoint.com';

export const APP_CALLER: Caller = {
  kind: 'app',
  appId: 'senco-hub-app',
  tenantId: 't',
  roles: ['Sites.Selected'],
};

export function userCaller(
  upn = 'j.okafor@oakfield.example.org',
  userId = '6b1f2c3d-0000-4000-8000-000000000001',
): Caller {
  return { kind: 'user', userId, upn, tenantId: 't', scopes: ['Sites.ReadWrite.All'] };
}

export type CallOptions = { body?: unknown; headers?: Record<string, string>; caller?: Caller };

export type TestGraph = {
  ctx: StandInContext;
  store: SharePointStore;
  siteId: string;
  /** Moves the stand-in's clock on. */
  advance(ms: number): void;
  /** A Graph call; `url` is below the version root, or an absolute link the stand-in gave out. */
  call(method: string, url: string, options?: CallOptions): Promise<GraphResponse>;
  /** A call that must answer `status`; returns the body. */
  ok<T>(method: string, url: string, options?: CallOptions & { status?: number }): Promise<T>;
  createList(displayName: string, columns: unknown[]): Promise<string>;
};

export function createTestGraph(
  options: {
    fault?: DispatcherOptions['fault'];
    register?: (ctx: StandInContext) => void;
    quirks?: SharePointQuirks;
  } = {},
): TestGraph {
  let clock = Date.parse('2025-06-02T08:00:00Z');
  const now = () => new Date(clock);
  const dispatcher = new GraphDispatcher({ now, ...(options.fault ? { fault: options.fault } : {}) });
  const ctx: StandInContext = {
    db: openDatabase(':memory:'),
    dispatcher,
    graphBaseUrl: () => GRAPH_BASE,
    publicBaseUrl: () => 'http://localhost:3978/local365',
    tenantId: 't',
    sharePointHostname: HOSTNAME,
    now,
    sharePointQuirks: () => options.quirks ?? {},
  };
  const store = registerSharePointRoutes(ctx);
  options.register?.(ctx);
  const site = store.ensureSite({
    hostname: HOSTNAME,
    serverRelativePath: '/sites/senco-hub',
    displayName: 'SENCO Hub',
    groupId: 'a0c0ffee-0000-4000-8000-00000000feed',
  });
  // As a school's admin does for SENCO Hub (Sites.Selected): without a grant every call would be 403.
  if (APP_CALLER.kind === 'app')
    store.grantApp(site.id, { id: APP_CALLER.appId, displayName: 'SENCO Hub' }, ['fullcontrol']);

  const call = (method: string, url: string, opts: CallOptions = {}) => {
    const relative = url.startsWith(GRAPH_BASE) ? url.slice(GRAPH_BASE.length) : url;
    const { path, query } = parseGraphUrl(relative);
    return dispatcher.dispatch({
      method,
      path,
      query,
      headers: opts.headers ?? {},
      body: opts.body,
      caller: opts.caller ?? APP_CALLER,
    });
  };

  const ok = async <T>(
    method: string,
    url: string,
    opts: CallOptions & { status?: number } = {},
  ): Promise<T> => {
    const res = await call(method, url, opts);
    const expected = opts.status ?? (method === 'POST' ? 201 : method === 'DELETE' ? 204 : 200);
    if (res.status !== expected)
      throw new Error(
        `${method} ${url} answered ${res.status}, not ${expected}: ${JSON.stringify(res.body)}`,
      );
    return res.body as T;
  };

  return {
    ctx,
    store,
    siteId: site.id,
    advance: (ms) => {
      clock += ms;
    },
    call,
    ok,
    async createList(displayName, columns) {
      const list = await ok<{ id: string }>('POST', `/sites/${site.id}/lists`, {
        body: { displayName, list: { template: 'genericList' }, columns },
      });
      return list.id;
    },
  };
}

/** Follows @odata.nextLink to the end; returns every page. */
export async function allPages<T>(
  graph: TestGraph,
  url: string,
  options: CallOptions = {},
): Promise<{ value: T[]; '@odata.nextLink'?: string }[]> {
  const pages: { value: T[]; '@odata.nextLink'?: string }[] = [];
  let next: string | undefined = url;
  while (next) {
    const page: { value: T[]; '@odata.nextLink'?: string } = await graph.ok('GET', next, options);
    pages.push(page);
    next = page['@odata.nextLink'];
  }
  return pages;
}
