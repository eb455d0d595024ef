import { randomUUID } from 'node:crypto';
import { auditEntriesAbout } from './audit-log-reads.ts';
import { auditRecords, earliestAt } from './audit-records.ts';
import { ehcPlanRecords } from './ehc-plan-records.ts';
import type { GraphConnection } from './graph-client.ts';
import { interventionRecords } from './intervention-records.ts';
import { createListMirror, type ListMirrorOptions } from './list-mirror.ts';
import { meetingRecords } from './meeting-records.ts';
import { passportRecords } from './passport-records.ts';
import { accessArrangementRecords, needsAssessmentRecords, senSupportPlanRecords } from './plan-records.ts';
import { professionalRecords } from './professional-records.ts';
import { pupilRecords } from './pupil-records.ts';
import { recordsContext, REPLICA_LISTS, REPLICA_PARSERS, type ReplicaProblem } from './replica-lists.ts';
import type { SendRecords } from './send-records.ts';
import { settingsRecords } from './settings-records.ts';
import { SCHEMA_VERSION } from './site-schema.ts';

export type { ReplicaProblem } from './replica-lists.ts';

/**
 * SendRecords over SharePoint: a mirror of the lists (list-mirror.ts: loaded on start, kept current by delta,
 * so reads never wait on Graph) and, over it, one module per resource (`*-records.ts`) that joins its lists
 * into domain records and writes them (createOnce / patchIfMatch, list-writes.ts). Writes go to SharePoint
 * first (If-Match on updates, unique keys on creates); what SharePoint answers is then applied to the mirror.
 *
 * Items that cannot be read as domain records (a column edited by hand in SharePoint, say) are left out and
 * reported through `onProblem`, as are failed background syncs; the replica keeps serving what it has.
 * To add a resource: see "Adding a list or a resource" in README.md.
 */

export type SendRecordsReplica = SendRecords & {
  /** Loads every list (delta from the start) and starts polling. Rejects if the site is not provisioned. */
  start(): Promise<void>;
  /** Stops polling and waits for a sync in flight. */
  stop(): Promise<void>;
  /**
   * Brings the replica up to date now; resolves when changes made before the call are in, and once any
   * interrupted SEN status or needs change has been finished (or found still unfinishable).
   */
  syncNow(): Promise<void>;
  /** Pupils whose committed SEN status or needs change is not yet finished in the lists and audit log. */
  unfinishedSenChanges(): string[];
  /** When the last sync of every list finished. */
  lastSyncedAt(): Date | undefined;
  /**
   * A POST Graph made to our change notification endpoint (`notifications` below): the lists it names are read
   * again by delta, after this returns. Returns how many notifications were believed (ours, right clientState).
   */
  acceptListNotifications(body: unknown): number;
  /** Whether change notifications are live for every list (then an idle replica polls nothing). */
  listNotificationsActive(): boolean;
};

export type SendRecordsOptions = {
  connection: GraphConnection;
  siteId: string;
  /** Default 30 s: one Graph request per interval while idle. */
  pollIntervalMs?: number;
  now?: () => Date;
  onProblem?: (problem: ReplicaProblem) => void;
  /** Ids for new records and writes; default crypto.randomUUID. */
  newId?: () => string;
  /** Items per delta page. Default 500. */
  pageSize?: number;
  /**
   * Days of the audit log held in memory (and read on start). Default 180. The audit list grows with every
   * read of a pupil record, so it is not enumerated whole: older entries stay in SharePoint.
   */
  auditWindowDays?: number;
  /**
   * Graph change notifications instead of idle polling (list-mirror.ts, list-notifications.ts): our public
   * endpoint and the secret Graph echoes in each notification. Unset: poll.
   */
  notifications?: NonNullable<ListMirrorOptions<typeof REPLICA_PARSERS>['notifications']>;
};

export function createSendRecords(options: SendRecordsOptions): SendRecordsReplica {
  const newId = options.newId ?? randomUUID;
  const now = options.now ?? (() => new Date());
  const report = (problem: ReplicaProblem) => options.onProblem?.(problem);
  const mirror = createListMirror({
    connection: options.connection,
    siteId: options.siteId,
    parsers: REPLICA_PARSERS,
    lists: REPLICA_LISTS,
    windows: {
      // An item holding a group is as old as its first entry (its At column).
      auditLog: { column: 'At', days: options.auditWindowDays ?? 180, at: (rows) => earliestAt(rows) },
    },
    schemaVersion: SCHEMA_VERSION,
    pollIntervalMs: options.pollIntervalMs ?? 30_000,
    pageSize: options.pageSize ?? 500,
    now,
    newId,
    report,
    // Finishes SEN changes a crash or throttling left unfinished, after every sync.
    afterSync: () => pupils.repair(),
    ...(options.notifications ? { notifications: options.notifications } : {}),
  });
  const ctx = recordsContext(mirror, newId, report);

  const audit = auditRecords(ctx);
  const settings = settingsRecords(ctx);
  const pupils = pupilRecords(ctx, {
    auditWritten: audit.written,
    appendAudit: (entries) => audit.records.appendAudit(entries),
    now,
  });

  const records: SendRecordsReplica = {
    isReady: mirror.isReady,
    changeStamp: mirror.changeStamp,
    ...pupils.records,
    ...settings,
    ...audit.records,
    ...passportRecords(ctx, settings),
    ...meetingRecords(ctx),
    ...ehcPlanRecords(ctx),
    ...senSupportPlanRecords(ctx),
    ...accessArrangementRecords(ctx),
    ...needsAssessmentRecords(ctx),
    ...interventionRecords(ctx),
    ...professionalRecords(ctx),

    start: mirror.start,
    stop: mirror.stop,
    syncNow: mirror.syncNow,
    unfinishedSenChanges: () => pupils.unfinished(),
    lastSyncedAt: mirror.lastSyncedAt,
    acceptListNotifications: mirror.acceptNotifications,
    listNotificationsActive: mirror.notificationsActive,
    auditEntriesAbout: (pupilId) =>
      auditEntriesAbout(options.connection, mirror.itemsPath('auditLog'), pupilId),
  };
  return records;
}
