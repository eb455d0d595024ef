import type { Db } from './database.ts';
import type { GraphDispatcher } from './graph/dispatcher.ts';

/** What every stand-in module is given. Time is an input so tests can fix it. */
export type StandInContext = {
  db: Db;
  dispatcher: GraphDispatcher;
  /** Absolute Graph base as clients see it, e.g. http://localhost:3978/local365/graph/v1.0 (for @odata links). */
  graphBaseUrl: () => string;
  /** Absolute base of the stand-in, e.g. http://localhost:3978/local365. */
  publicBaseUrl: () => string;
  tenantId: string;
  /** The school's SharePoint host, e.g. 'oakfield.sharepoint.com'. */
  sharePointHostname: string;
  now: () => Date;
  /** SharePoint behaviours a test or the fault switches choose (default: the strictest seen). */
  sharePointQuirks?: () => SharePointQuirks;
};

/**
 * Where real SharePoint answers in more than one way, which one the stand-in gives. Defaults are the
 * harder ones for a client.
 */
export type SharePointQuirks = {
  /**
   * How list-item delta answers a deleted item. 'error' (default): an inline entry `{ error: { code:
   * 'InternalServerError', message: 'Cannot write a deleted resource…' } }` with no id, as seen from
   * SharePoint Online (https://github.com/microsoftgraph/msgraph-sdk-typescript/issues/544). 'deleted': the
   * documented `{ id, deleted: { state: 'deleted' } }` (https://learn.microsoft.com/graph/api/listitem-delta).
   */
  deltaDeletes?: 'error' | 'deleted';
  /**
   * Delta's nextLink and deltaLink leave out `$expand` (and so `fields`): whether they keep it is not
   * documented (https://learn.microsoft.com/graph/api/listitem-delta). Default false.
   */
  deltaLinksDropExpand?: boolean;
};
