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
};
