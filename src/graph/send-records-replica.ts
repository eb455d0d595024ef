import { randomUUID } from 'node:crypto';
import {
  DEFAULT_DOMAIN_SETTINGS,
  domainSettingsSchema,
  type DomainSettings,
} from '../domain/domain-settings.ts';
import { ehcPlanSchema, type EhcPlan } from '../domain/ehc-plan.schema.ts';
import { reviewSchema, type Review } from '../domain/review.schema.ts';
import { examAccessArrangementSchema, type ExamAccessArrangement } from '../domain/exam-access.schema.ts';
import {
  interventionSchema,
  type Intervention,
  type InterventionPupil,
} from '../domain/intervention.schema.ts';
import { meetingSchema, type Meeting } from '../domain/meeting.schema.ts';
import { ehcNeedsAssessmentSchema, type EhcNeedsAssessment } from '../domain/ehc-needs-assessment.schema.ts';
import type { SenNeed } from '../domain/needs.ts';
import { nextPassportVersion, reviewedPassport } from '../domain/passport.ts';
import { passportSchema, type Passport, type PassportAcknowledgement } from '../domain/passport.schema.ts';
import type { CalendarDate } from '../domain/calendar-date.ts';
import { pupilAttendance } from '../domain/intervention-attendance.ts';
import { referralSchema, type Referral } from '../domain/referral.schema.ts';
import { interventionWrites } from './intervention-writes.ts';
import { professionalWrites } from './professional-writes.ts';
import { externalProfessionalSchema, type ExternalProfessional } from '../domain/professional.schema.ts';
import { pupilSchema, type Pupil } from '../domain/pupil.schema.ts';
import { senSupportPlanSchema, type SenSupportPlan } from '../domain/sen-support-plan.schema.ts';
import type { SenProvisionPeriod } from '../domain/sen-status.ts';
import { accessArrangementFromItem, ACCESS_ARRANGEMENTS_LIST } from './access-arrangements-list.ts';
import { AUDIT_LOG_LIST, auditEntryFromItem, auditEntryToFields } from './audit-log-list.ts';
import { runBatch, type BatchRequest } from './batch.ts';
import { EHC_PLAN_REVIEWS_LIST, EHC_PLANS_LIST, ehcPlanFromItem, reviewFromItem } from './ehc-plans-list.ts';
import { ehcPlanWrites } from './ehc-plan-writes.ts';
import type { GraphConnection } from './graph-client.ts';
import { createOnce, KeyTakenError } from './create-once.ts';
import { BatchWriteError, ConflictError, GraphRequestError } from './graph-request-error.ts';
import {
  CHANGE_JOURNAL_LIST,
  createChangeJournal,
  journalFollower,
  journalPruner,
} from './change-journal.ts';
import { getAllPages, graphGet, graphPatch, graphPost, pagesOf } from './graph-requests.ts';
import { idlePolling } from './idle-polling.ts';
import {
  INTERVENTION_PUPILS_LIST,
  INTERVENTION_SESSIONS_LIST,
  INTERVENTIONS_LIST,
  interventionFromItem,
  interventionPupilFromItem,
  interventionSessionFromItem,
  interventionMeasuresToFields,
  interventionSessionToFields,
  participationKey,
} from './interventions-list.ts';
import type { ListDefinition, ListKey } from './list-definition.ts';
import { listWrites } from './list-writes.ts';
import { meetingBookings } from './meeting-bookings.ts';
import { meetingFromItem, MEETINGS_LIST } from './meetings-list.ts';
import { needsAssessmentWrites } from './needs-assessment-writes.ts';
import { NEEDS_ASSESSMENTS_LIST, needsAssessmentFromItem } from './needs-assessments-list.ts';
import {
  createFields,
  eTagVersion,
  FieldError,
  sameETag,
  type Fields,
  type SharePointItem,
} from './list-fields.ts';
import { ge, itemsQueryString, type FilterExpression } from './odata.ts';
import {
  acknowledgementFromItem,
  acknowledgementToFields,
  PASSPORT_ACKNOWLEDGEMENTS_LIST,
  PASSPORTS_LIST,
  passportFromItem,
  passportToFields,
} from './passports-list.ts';
import {
  PROFESSIONALS_LIST,
  professionalFromItem,
  referralFromItem,
  REFERRALS_LIST,
  PUPIL_PROFESSIONALS_LIST,
  pupilProfessionalFromItem,
} from './professionals-list.ts';
import { pupilSenChanges } from './pupil-sen-change.ts';
import { senSupportPlanWrites } from './sen-support-plan-writes.ts';
import { accessArrangementWrites } from './access-arrangement-writes.ts';
import {
  needFromItem,
  NEEDS_LIST,
  PUPILS_LIST,
  pupilRowFromItem,
  SEN_STATUS_LIST,
  senChangeFromItem,
  senPeriodFromItem,
} from './pupils-list.ts';
import type { AuditEntry, SendRecords, TaAssignment, Versioned } from './send-records.ts';
import { SEN_SUPPORT_PLANS_LIST, senSupportPlanFromItem } from './sen-support-plans-list.ts';
import { DOMAIN_SETTINGS_KEY, SETTINGS_LIST, settingFromItem } from './settings-list.ts';
import { siteSchemaVersion } from './site-provisioning.ts';
import { SCHEMA_VERSION } from './site-schema.ts';
import { findListIds, SiteSchemaOutdatedError } from './site.ts';
import { TA_ASSIGNMENTS_LIST, taAssignmentFromItem } from './ta-assignments-list.ts';

/**
 * SendRecords over SharePoint: an in-memory replica of the lists, filled on start and kept current with Graph
 * delta queries (straight after our own writes; while idle, every `pollIntervalMs` one request: the change
 * journal, whose news names the lists to read again, or one list of a slow sweep, see idle-polling.ts), so reads
 * never wait on Graph.
 * Writes go to SharePoint first (If-Match on updates, unique keys on creates); what SharePoint answers is then
 * applied to the replica.
 *
 * Items that cannot be read as domain records (a column edited by hand in SharePoint, say) are left out and
 * reported through `onProblem`, as are failed background syncs; the replica keeps serving what it has.
 */

export type ReplicaProblem =
  | { kind: 'invalid-item'; list: string; itemId: string; message: string }
  | { kind: 'invalid-record'; record: string; id: string; message: string }
  | { kind: 'sync-failed'; error: Error }
  /** A committed change to a pupil's SEN status or needs that could not be finished yet (it will be). */
  | { kind: 'sen-change-unfinished'; pupilId: string; error: Error };

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
};

/** The lists the replica holds, with how each item is read. */
const PARSERS = {
  settings: settingFromItem,
  pupils: (item: SharePointItem) => ({ ...pupilRowFromItem(item), senChange: senChangeFromItem(item) }),
  senStatus: senPeriodFromItem,
  needs: needFromItem,
  passports: passportFromItem,
  passportAcknowledgements: acknowledgementFromItem,
  senSupportPlans: senSupportPlanFromItem,
  ehcPlans: ehcPlanFromItem,
  ehcPlanReviews: reviewFromItem,
  needsAssessments: needsAssessmentFromItem,
  meetings: meetingFromItem,
  professionals: professionalFromItem,
  pupilProfessionals: pupilProfessionalFromItem,
  referrals: referralFromItem,
  interventions: interventionFromItem,
  interventionPupils: interventionPupilFromItem,
  interventionSessions: interventionSessionFromItem,
  accessArrangements: accessArrangementFromItem,
  taAssignments: taAssignmentFromItem,
  auditLog: auditEntryFromItem,
} satisfies Partial<Record<ListKey, (item: SharePointItem) => unknown>>;

type ReplicatedKey = keyof typeof PARSERS;
type RowOf<K extends ReplicatedKey> = ReturnType<(typeof PARSERS)[K]>;

const REPLICATED_LISTS: Record<ReplicatedKey, ListDefinition> = {
  settings: SETTINGS_LIST,
  pupils: PUPILS_LIST,
  senStatus: SEN_STATUS_LIST,
  needs: NEEDS_LIST,
  passports: PASSPORTS_LIST,
  passportAcknowledgements: PASSPORT_ACKNOWLEDGEMENTS_LIST,
  senSupportPlans: SEN_SUPPORT_PLANS_LIST,
  ehcPlans: EHC_PLANS_LIST,
  ehcPlanReviews: EHC_PLAN_REVIEWS_LIST,
  needsAssessments: NEEDS_ASSESSMENTS_LIST,
  meetings: MEETINGS_LIST,
  professionals: PROFESSIONALS_LIST,
  pupilProfessionals: PUPIL_PROFESSIONALS_LIST,
  referrals: REFERRALS_LIST,
  interventions: INTERVENTIONS_LIST,
  interventionPupils: INTERVENTION_PUPILS_LIST,
  interventionSessions: INTERVENTION_SESSIONS_LIST,
  accessArrangements: ACCESS_ARRANGEMENTS_LIST,
  taAssignments: TA_ASSIGNMENTS_LIST,
  auditLog: AUDIT_LOG_LIST,
};

const REPLICATED_KEYS = Object.keys(REPLICATED_LISTS) as ReplicatedKey[];
/** The lists whose items reads return; the audit log grows with every read, so it is not among them. */
const RECORD_KEYS = REPLICATED_KEYS.filter((k) => k !== 'auditLog');

type Entry<R> = { itemId: string; eTag: string; modifiedAt: string; modifiedBy: string | undefined; row: R };

/** A delta entry: an item (fields may be missing), a deletion, or an inline error standing for a deletion. */
type DeltaEntry = SharePointItem & { error?: unknown; '@removed'?: unknown };

type ListState<K extends ReplicatedKey> = {
  key: K;
  def: ListDefinition;
  listId: string;
  deltaLink: string | undefined;
  entries: Map<string, Entry<RowOf<K>>>;
  /** Bumped on every change, so derived views know to rebuild. */
  generation: number;
};

type States = { [K in ReplicatedKey]: ListState<K> };

function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Reviews in date order (held, else booked); reviews not yet booked last. */
function reviewDate(review: Record<string, unknown>): string {
  const date = review['heldOn'] ?? review['meetingOn'];
  return typeof date === 'string' ? date : '9999-99-99';
}

/** Items of a SharePoint list compare by numeric id (creation order). */
const byItemId = (a: { itemId: string }, b: { itemId: string }) => Number(a.itemId) - Number(b.itemId);

export function createSendRecords(options: SendRecordsOptions): SendRecordsReplica {
  const { connection, siteId } = options;
  const pollIntervalMs = options.pollIntervalMs ?? 30_000;
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  const pageSize = options.pageSize ?? 500;
  const report = (problem: ReplicaProblem) => options.onProblem?.(problem);

  let states: States | undefined;
  let ready = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let syncedAt: Date | undefined;

  const state = <K extends ReplicatedKey>(key: K): ListState<K> => {
    if (!states) throw new Error('The SEND records replica has not been started');
    return states[key];
  };
  const itemsPath = (key: ReplicatedKey) => `/sites/${siteId}/lists/${state(key).listId}/items`;

  // ---- applying items -------------------------------------------------------------------------------------

  /** Applies one item (or a delete) to a map; false when nothing changed. */
  function applyItem<K extends ReplicatedKey>(
    s: ListState<K>,
    target: Map<string, Entry<RowOf<K>>>,
    item: SharePointItem,
  ): boolean {
    if (item.deleted) return target.delete(item.id);
    const existing = target.get(item.id);
    if (existing) {
      if (sameETag(existing.eTag, item.eTag)) return false;
      // An answer that crossed one of our own writes in flight must not roll the item back.
      const had = eTagVersion(existing.eTag);
      const got = eTagVersion(item.eTag);
      if (had && got && had.id === got.id && got.version < had.version) return false;
    }
    let row: RowOf<K>;
    try {
      row = PARSERS[s.key](item) as RowOf<K>;
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      report({ kind: 'invalid-item', list: s.def.displayName, itemId: item.id, message: err.message });
      return target.delete(item.id);
    }
    const changedBy = item.fields?.['ChangedByName'];
    target.set(item.id, {
      itemId: item.id,
      eTag: item.eTag,
      modifiedAt: item.lastModifiedDateTime,
      modifiedBy:
        typeof changedBy === 'string' && changedBy !== ''
          ? changedBy
          : item.lastModifiedBy?.user?.displayName,
      row,
    });
    return true;
  }

  /** Our own write, as SharePoint answered it. */
  function applyOwn<K extends ReplicatedKey>(key: K, item: SharePointItem): Entry<RowOf<K>> {
    const s = state(key);
    if (applyItem(s, s.entries, item)) s.generation += 1;
    const entry = s.entries.get(item.id);
    if (!entry) throw new FieldError(s.def.displayName, item.id, undefined, 'could not be read back');
    requestSync(key);
    return entry;
  }

  // ---- delta sync -----------------------------------------------------------------------------------------

  function deltaStart(s: ListState<ReplicatedKey>): string {
    const select = ['Title', ...s.def.columns.map((c) => c.name)];
    return `/sites/${siteId}/lists/${s.listId}/items/delta?$expand=${encodeURIComponent(`fields($select=${select.join(',')})`)}&$top=${pageSize}`;
  }

  const auditWindowDays = options.auditWindowDays ?? 180;
  const auditCutoff = () =>
    new Date(now().getTime() - auditWindowDays * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

  /**
   * The audit log's first load: a deltaLink from now on (`token=latest`), then the window's entries by an
   * indexed filter. In that order, an entry written in between comes by delta next time (kept once, by id).
   */
  async function loadAuditWindow(
    s: ListState<'auditLog'>,
    target: Map<string, Entry<RowOf<'auditLog'>>>,
  ): Promise<string | undefined> {
    const operation = `sync ${s.def.displayName}`;
    const latest = await graphGet<{ '@odata.deltaLink'?: string }>(
      connection,
      `${deltaStart(s)}&token=latest`,
      operation,
    );
    const query = itemsQueryString({
      filter: ge('At', { instant: auditCutoff() }),
      select: ['Title', ...s.def.columns.map((c) => c.name)],
      top: pageSize,
    });
    for await (const page of pagesOf<SharePointItem>(
      connection,
      `${itemsPath('auditLog')}${query}`,
      operation,
    ))
      for (const item of page.value) applyItem(s, target, item);
    return latest['@odata.deltaLink'];
  }

  async function syncList<K extends ReplicatedKey>(s: ListState<K>): Promise<void> {
    const full = s.deltaLink === undefined;
    // A full enumeration fills a fresh map, so items deleted meanwhile disappear when it is swapped in.
    const target = full ? new Map<string, Entry<RowOf<K>>>() : s.entries;
    let deltaLink: string | undefined;
    let changed = false;
    try {
      if (full && s.key === 'auditLog') {
        deltaLink = await loadAuditWindow(
          s as unknown as ListState<'auditLog'>,
          target as unknown as Map<string, Entry<RowOf<'auditLog'>>>,
        );
      } else {
        const start = s.deltaLink ? connection.toRequestPath(s.deltaLink) : deltaStart(s);
        const changes = await readDelta(s, start, target);
        changed = changes.applied;
        deltaLink = changes.deltaLink;
        // Entries without fields are read again (until they are in, the deltaLink is not kept, so a failure
        // here means the same changes come again next time rather than being dropped): on a first enumeration
        // by listing the list's items with their fields, else by id through $batch.
        if (changes.unread.size > 0) {
          const read = full
            ? await readAllItems(s, target)
            : await readItemsById(s, target, [...changes.unread]);
          if (read) changed = true;
        }
        // A deletion without an id (full enumerations start from a fresh map, so need no sweep).
        if (changes.unnamedDeletion && !full && (await sweepDeleted(s, target))) changed = true;
      }
    } catch (err) {
      // 410 Gone: the token expired; enumerate again from the start (https://learn.microsoft.com/en-us/graph/delta-query-overview).
      if (!full && err instanceof GraphRequestError && err.status === 410) {
        s.deltaLink = undefined;
        return syncList(s);
      }
      throw err;
    }
    if (full) {
      s.entries = target;
      changed = true;
    }
    if (s.key === 'auditLog') {
      const cutoff = auditCutoff();
      for (const [id, entry] of s.entries as Map<string, Entry<RowOf<'auditLog'>>>) {
        if (entry.row.at < cutoff) {
          s.entries.delete(id);
          changed = true;
        }
      }
    }
    s.deltaLink = deltaLink;
    if (changed) s.generation += 1;
  }

  /**
   * Pages of a delta feed applied to `target`, taking each entry as real SharePoint sends it: an item with
   * fields; an item without them (delta links are not documented to keep `$expand`); a deletion as
   * `{ id, deleted }` or `{ id, '@removed' }` (https://learn.microsoft.com/graph/api/listitem-delta); or an
   * inline `{ error }` entry with no id, as SharePoint Online has sent for a deleted item
   * (https://github.com/microsoftgraph/msgraph-sdk-typescript/issues/544). The last occurrence of an id wins.
   */
  async function readDelta<K extends ReplicatedKey>(
    s: ListState<K>,
    start: string,
    target: Map<string, Entry<RowOf<K>>>,
  ): Promise<{
    applied: boolean;
    deltaLink: string | undefined;
    unread: Set<string>;
    unnamedDeletion: boolean;
  }> {
    let applied = false;
    let deltaLink: string | undefined;
    let unnamedDeletion = false;
    const unread = new Set<string>();
    for await (const page of pagesOf<DeltaEntry>(connection, start, `sync ${s.def.displayName}`)) {
      for (const entry of page.value) {
        if (entry.error !== undefined || typeof entry.id !== 'string') {
          unnamedDeletion = true;
          continue;
        }
        unread.delete(entry.id);
        if (entry.deleted !== undefined || entry['@removed'] !== undefined) {
          if (target.delete(entry.id)) applied = true;
        } else if (entry.fields === undefined) {
          unread.add(entry.id);
        } else if (applyItem(s, target, entry)) {
          applied = true;
        }
      }
      deltaLink = page.deltaLink ?? deltaLink;
    }
    return { applied, deltaLink, unread, unnamedDeletion };
  }

  /** Items read again by id through $batch (with their fields); one gone meanwhile (404) is removed. */
  async function readItemsById<K extends ReplicatedKey>(
    s: ListState<K>,
    target: Map<string, Entry<RowOf<K>>>,
    ids: readonly string[],
  ): Promise<boolean> {
    const operation = `sync ${s.def.displayName} (reading changed items by id)`;
    const select = ['Title', ...s.def.columns.map((c) => c.name)].join(',');
    const results = await runBatch(
      connection,
      ids.map((id) => ({
        id,
        method: 'GET',
        url: `${itemsPath(s.key)}/${id}?$expand=${encodeURIComponent(`fields($select=${select})`)}`,
      })),
      { operation },
    );
    let changed = false;
    for (const id of ids) {
      const result = results.get(id);
      if (result && !result.error) {
        if (applyItem(s, target, result.body as SharePointItem)) changed = true;
      } else if (result?.error?.status === 404) {
        if (target.delete(id)) changed = true;
      } else {
        throw result?.error ?? new GraphRequestError({ status: 0, message: 'No result', operation });
      }
    }
    return changed;
  }

  /**
   * Every item of the list with its fields, applied to a first enumeration whose delta pages came without them.
   * Listed after the delta began, so anything changed meanwhile comes again by the deltaLink.
   */
  async function readAllItems<K extends ReplicatedKey>(
    s: ListState<K>,
    target: Map<string, Entry<RowOf<K>>>,
  ): Promise<boolean> {
    const query = itemsQueryString({ select: ['Title', ...s.def.columns.map((c) => c.name)], top: pageSize });
    let changed = false;
    for await (const page of pagesOf<SharePointItem>(
      connection,
      `${itemsPath(s.key)}${query}`,
      `sync ${s.def.displayName} (reading items without fields)`,
    ))
      for (const item of page.value) if (applyItem(s, target, item)) changed = true;
    return changed;
  }

  /**
   * A deletion came without an id: every item held before the sweep that SharePoint no longer lists is
   * removed. (Items added meanwhile are not in the snapshot, so our own new writes are never swept away.)
   * The audit log is swept over its window only, by the indexed `At`.
   */
  async function sweepDeleted<K extends ReplicatedKey>(
    s: ListState<K>,
    target: Map<string, Entry<RowOf<K>>>,
  ): Promise<boolean> {
    const held = [...target.keys()];
    const query = itemsQueryString({
      select: ['Title'],
      top: pageSize,
      ...(s.key === 'auditLog' ? { filter: ge('At', { instant: auditCutoff() }) } : {}),
    });
    const present = new Set<string>();
    for await (const page of pagesOf<SharePointItem>(
      connection,
      `${itemsPath(s.key)}${query}`,
      `sync ${s.def.displayName} (finding deleted items)`,
    ))
      for (const item of page.value) present.add(item.id);
    let changed = false;
    for (const id of held) if (!present.has(id) && target.delete(id)) changed = true;
    return changed;
  }

  /**
   * Every list syncs at once (each is one request per page): a start costs the slowest list's pages, not the
   * sum. Delta pages are sequential within a list, so this is at most one request per list in flight.
   */
  const limit = limiter(REPLICATED_KEYS.length);
  /** The audit log is read only once someone opens the audit view (refreshAuditLog). */
  let auditLoaded = false;
  const heldLists = () => (auditLoaded ? REPLICATED_KEYS : RECORD_KEYS);
  const inFlight = new Set<Promise<void>>();
  const syncers = new Map<ReplicatedKey, () => Promise<void>>();
  /** One sync per list at a time; a call during a sync runs one more after it (it may have missed the change). */
  function syncOne(key: ReplicatedKey): Promise<void> {
    let syncer = syncers.get(key);
    if (!syncer) {
      syncer = coalesce(() => limit(() => syncList(state(key))));
      syncers.set(key, syncer);
    }
    const run = syncer();
    inFlight.add(run);
    void run.catch(() => undefined).finally(() => inFlight.delete(run));
    return run;
  }

  async function syncLists(keys: readonly ReplicatedKey[]): Promise<void> {
    const results = await Promise.allSettled(keys.map(syncOne));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw asError(failed.reason);
  }

  async function syncNow(): Promise<void> {
    if (!states) throw new Error('The SEND records replica has not been started');
    await syncLists(heldLists());
    syncedAt = now();
    await repairSenChanges();
  }

  /** Finishes SEN changes a crash or throttling left unfinished; one pass at a time. */
  const repairSenChanges = coalesce(() => senChanges.repair());

  /** After our own write: bring the lists it touched up to date soon (others' changes to them included). */
  const requested = new Set<ReplicatedKey>();
  function requestSync(key: ReplicatedKey): void {
    if (stopped) return;
    if (requested.size === 0) {
      setTimeout(() => {
        const keys = [...requested];
        requested.clear();
        if (!stopped)
          syncLists(keys).catch((error: unknown) => report({ kind: 'sync-failed', error: asError(error) }));
      }, 0).unref();
    }
    requested.add(key);
  }

  function schedulePoll(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      idle
        .tick()
        .then(() => {
          syncedAt = now();
          return repairSenChanges();
        })
        .catch((error: unknown) => report({ kind: 'sync-failed', error: asError(error) }))
        .finally(schedulePoll);
    }, pollIntervalMs);
    timer.unref();
  }

  // ---- derived views --------------------------------------------------------------------------------------

  function view<T>(keys: readonly ReplicatedKey[], compute: () => T): () => T {
    let stamp: string | undefined;
    let value: T;
    return () => {
      const current = keys.map((k) => state(k).generation).join(',');
      if (current !== stamp) {
        value = compute();
        stamp = current;
      }
      return value;
    };
  }

  function parseRecord<T>(
    record: string,
    id: string,
    schema: {
      safeParse(
        v: unknown,
      ):
        | { success: true; data: T }
        | { success: false; error: { issues: { message: string; path: PropertyKey[] }[] } };
    },
    value: unknown,
  ): T | undefined {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const message = parsed.error.issues
      .map((i) => `${i.path.length ? `${i.path.map(String).join('.')}: ` : ''}${i.message}`)
      .join('; ');
    report({ kind: 'invalid-record', record, id, message });
    return undefined;
  }

  const versioned = <T>(entry: Entry<unknown>, value: T): Versioned<T> => ({
    value,
    eTag: entry.eTag,
    modifiedAt: entry.modifiedAt,
    modifiedBy: entry.modifiedBy,
  });

  /** What the status and needs lists hold, by pupil. */
  const listHistoryView = view(['senStatus', 'needs'], () => ({
    periods: groupBy(state('senStatus').entries.values(), (e) => e.row.pupilId),
    needs: groupBy(state('needs').entries.values(), (e) => e.row.pupilId),
  }));

  const byStartOn = (a: Record<string, unknown>, b: Record<string, unknown>) =>
    String(a['startOn']).localeCompare(String(b['startOn']));
  const byRank = (a: Record<string, unknown>, b: Record<string, unknown>) =>
    Number(a['rank']) - Number(b['rank']);

  const pupilsView = view(['pupils', 'senStatus', 'needs'], () => {
    const { periods, needs } = listHistoryView();
    const list: Pupil[] = [];
    const versions = new Map<string, Versioned<Pupil>>();
    for (const entry of state('pupils').entries.values()) {
      const { senChange, ...row } = entry.row;
      const id = row.id;
      // A change committed through the app is the pupil's history, whether or not the lists have caught up.
      const pupil = parseRecord('pupil', id, pupilSchema, {
        ...row,
        senProvision: [...(senChange?.senProvision ?? (periods.get(id) ?? []).map((e) => e.row.period))].sort(
          byStartOn,
        ),
        needs: [...(senChange?.needs ?? (needs.get(id) ?? []).map((e) => e.row.need))].sort(byRank),
      });
      if (pupil) {
        list.push(pupil);
        versions.set(pupil.id, versioned(entry, pupil));
      }
    }
    const collator = new Intl.Collator('en-GB', { sensitivity: 'base' });
    list.sort(
      (a, b) =>
        collator.compare(a.legalSurname, b.legalSurname) ||
        collator.compare(a.legalForename, b.legalForename) ||
        a.id.localeCompare(b.id),
    );
    return { list, byId: new Map(list.map((p) => [p.id, p])), versions };
  });

  const meetingsView = view(['meetings'], () => {
    const all: Meeting[] = [];
    for (const entry of [...state('meetings').entries.values()].sort(byItemId)) {
      const meeting = parseRecord('meeting', String(entry.row['id']), meetingSchema, entry.row);
      if (meeting) all.push(meeting);
    }
    // Newest first; on the same day, the later start first.
    all.sort((a, b) => b.on.localeCompare(a.on) || (b.startsAt ?? '').localeCompare(a.startsAt ?? ''));
    const byPupil = new Map<string, Meeting[]>();
    for (const m of all) for (const id of m.pupilIds) byPupil.set(id, [...(byPupil.get(id) ?? []), m]);
    return byPupil;
  });

  const passportsView = view(['passports'], () => {
    const byPupil = new Map<string, { history: Passport[]; current: Versioned<Passport> }>();
    for (const [pupilId, entries] of groupBy(state('passports').entries.values(), (e) => e.row.pupilId)) {
      const parsed = entries
        .map((e) => ({ e, p: parseRecord('passport', `${pupilId} item ${e.itemId}`, passportSchema, e.row) }))
        .filter((x): x is { e: Entry<RowOf<'passports'>>; p: Passport } => x.p !== undefined)
        .sort((a, b) => a.p.version - b.p.version);
      const latest = parsed.at(-1);
      if (latest)
        byPupil.set(pupilId, { history: parsed.map((x) => x.p), current: versioned(latest.e, latest.p) });
    }
    return byPupil;
  });

  const ehcPlansView = view(['ehcPlans', 'ehcPlanReviews'], () => {
    const reviews = groupBy(state('ehcPlanReviews').entries.values(), (e) => e.row.ehcPlanId);
    const byPupil = new Map<string, Versioned<EhcPlan>>();
    for (const entry of state('ehcPlans').entries.values()) {
      const planReviews = (reviews.get(entry.row.id) ?? [])
        .sort(byItemId)
        .map((e) => e.row.review)
        .sort((a, b) => reviewDate(a).localeCompare(reviewDate(b)));
      const plan = parseRecord('EHC plan', entry.row.id, ehcPlanSchema, {
        ...entry.row,
        reviews: planReviews,
      });
      if (plan) byPupil.set(plan.pupilId, versioned(entry, plan));
    }
    return byPupil;
  });

  /** Each review record with its own version (the one an update of its trail quotes), by review id. */
  const ehcPlanReviewsView = view(['ehcPlans', 'ehcPlanReviews'], () => {
    const pupilOfPlan = new Map(
      [...state('ehcPlans').entries.values()].map((e) => [e.row.id, e.row.pupilId]),
    );
    const byId = new Map<string, { pupilId: string; review: Versioned<Review> }>();
    for (const entry of state('ehcPlanReviews').entries.values()) {
      const pupilId = pupilOfPlan.get(entry.row.ehcPlanId);
      const id = String(entry.row.review['id']);
      const review = pupilId && parseRecord('EHC plan review', id, reviewSchema, entry.row.review);
      if (pupilId && review) byId.set(id, { pupilId, review: versioned(entry, review) });
    }
    return byId;
  });

  const senSupportPlansView = view(['senSupportPlans'], () => {
    const byPupil = new Map<string, Versioned<SenSupportPlan>>();
    for (const entry of state('senSupportPlans').entries.values()) {
      const plan = parseRecord('SEN support plan', String(entry.row.id), senSupportPlanSchema, entry.row);
      if (plan) byPupil.set(plan.pupilId, versioned(entry, plan));
    }
    return byPupil;
  });

  const accessArrangementsView = view(['accessArrangements'], () => {
    const all: (Versioned<ExamAccessArrangement> & { itemId: string })[] = [];
    for (const entry of [...state('accessArrangements').entries.values()].sort(byItemId)) {
      const a = parseRecord(
        'access arrangement',
        String(entry.row.id),
        examAccessArrangementSchema,
        entry.row,
      );
      if (a) all.push({ ...versioned(entry, a), itemId: entry.itemId });
    }
    return { byPupil: groupBy(all, (a) => a.value.pupilId), byId: new Map(all.map((a) => [a.value.id, a])) };
  });

  const interventionsView = view(['interventions', 'interventionPupils', 'interventionSessions'], () => {
    const pupils = groupBy(state('interventionPupils').entries.values(), (e) => e.row.interventionId);
    const sessions = groupBy(state('interventionSessions').entries.values(), (e) => e.row.interventionId);
    const out: Versioned<Intervention>[] = [];
    const places = new Map<string, Versioned<InterventionPupil>>();
    for (const entry of [...state('interventions').entries.values()].sort(byItemId)) {
      const recorded = (sessions.get(entry.row.id) ?? []).map((e) => e.row);
      const entries = (pupils.get(entry.row.id) ?? []).sort(byItemId);
      // Recorded sessions add to the counts brought in before SENCO Hub recorded sessions (domain rule).
      const participants = entries.map(({ row: { pupil } }) => ({
        ...pupil,
        sessionsAttended: undefined,
        sessionsOffered: undefined,
        ...pupilAttendance(pupil as Parameters<typeof pupilAttendance>[0], recorded),
      }));
      const intervention = parseRecord('intervention', entry.row.id, interventionSchema, {
        ...entry.row,
        pupils: participants,
      });
      if (!intervention) continue;
      out.push(versioned(entry, intervention));
      intervention.pupils.forEach((pupil, index) => {
        const place = entries[index];
        if (place) places.set(participationKey(intervention.id, pupil.pupilId), versioned(place, pupil));
      });
    }
    return { list: out, places };
  });

  const needsAssessmentsView = view(['needsAssessments'], () => {
    const out = new Map<string, { itemId: string; eTag: string; record: Versioned<EhcNeedsAssessment> }>();
    for (const entry of [...state('needsAssessments').entries.values()].sort(byItemId)) {
      const a = parseRecord('EHC needs assessment', entry.row.id, ehcNeedsAssessmentSchema, entry.row);
      if (a) out.set(a.id, { itemId: entry.itemId, eTag: entry.eTag, record: versioned(entry, a) });
    }
    return out;
  });

  const professionalsView = view(['professionals', 'pupilProfessionals'], () => {
    const all: ExternalProfessional[] = [];
    for (const entry of [...state('professionals').entries.values()].sort(byItemId)) {
      const p = parseRecord('professional', String(entry.row.id), externalProfessionalSchema, entry.row);
      if (p) all.push(p);
    }
    const byId = new Map(all.map((p) => [p.id, p]));
    const byPupil = new Map<string, ExternalProfessional[]>();
    for (const entry of [...state('pupilProfessionals').entries.values()].sort(byItemId)) {
      const p = byId.get(entry.row.professionalId);
      if (p) byPupil.set(entry.row.pupilId, [...(byPupil.get(entry.row.pupilId) ?? []), p]);
    }
    return { all, byPupil };
  });

  const referralsView = view(['referrals'], () => {
    const all: Versioned<Referral>[] = [];
    for (const entry of [...state('referrals').entries.values()].sort(byItemId)) {
      const r = parseRecord('referral', entry.row.id, referralSchema, entry.row);
      if (r) all.push(versioned(entry, r));
    }
    all.sort((a, b) => a.value.sentOn.localeCompare(b.value.sentOn));
    return { all, byPupil: groupBy(all, (r) => r.value.pupilId) };
  });

  const acknowledgementsView = view(['passportAcknowledgements'], () => {
    const all = [...state('passportAcknowledgements').entries.values()].sort(byItemId).map((e) => e.row);
    return groupBy(all, (a) => a.pupilId);
  });

  const taAssignmentsView = view(['taAssignments'], () =>
    [...state('taAssignments').entries.values()].sort(byItemId).map((e) => e.row),
  );

  const settingsView = view(
    ['settings'],
    (): { entry: Entry<unknown> | undefined; settings: Versioned<DomainSettings> } => {
      const entry = [...state('settings').entries.values()].find((e) => e.row.key === DOMAIN_SETTINGS_KEY);
      if (!entry) {
        return {
          entry: undefined,
          settings: { value: DEFAULT_DOMAIN_SETTINGS, eTag: '', modifiedAt: '', modifiedBy: undefined },
        };
      }
      const parsed = parseRecord(
        'settings',
        DOMAIN_SETTINGS_KEY,
        domainSettingsSchema,
        entry.row.value ?? {},
      );
      return { entry, settings: versioned(entry, parsed ?? DEFAULT_DOMAIN_SETTINGS) };
    },
  );

  const auditIdsView = view(
    ['auditLog'],
    () => new Set([...state('auditLog').entries.values()].map((e) => e.row.id)),
  );

  const auditView = view(['auditLog'], () => {
    const entries = [...state('auditLog').entries.values()];
    // Newest first; SharePoint keeps seconds, so the item id (creation order) breaks ties.
    entries.sort((a, b) => b.row.at.localeCompare(a.row.at) || Number(b.itemId) - Number(a.itemId));
    return {
      all: entries.map((e) => e.row),
      byPupil: groupBy(
        entries.map((e) => e.row),
        (e) => e.pupilId,
      ),
    };
  });

  // ---- writes ---------------------------------------------------------------------------------------------

  /**
   * Creates an item keyed by its list's unique key column. Any failure is "maybe created" (SharePoint answers a
   * duplicate with 500, and a write can be applied before a failure on the way back), so the key is read back
   * first: an item holding it is thrown as KeyTakenError (409, with the stored item), whoever wrote it; only a
   * create whose key is not stored fails with its own error.
   */
  async function createItem(key: ReplicatedKey, fields: Fields, operation: string): Promise<SharePointItem> {
    const column = state(key).def.keyColumn;
    const value = fields[column];
    if (typeof value !== 'string' || value === '')
      throw new RangeError(`${operation}: the new item has no ${column}`);
    const outcome = await createOnce(
      connection,
      { itemsPath: itemsPath(key), key: { column, value }, fields },
      operation,
    );
    if (outcome.alreadyStored) throw new KeyTakenError(operation, { column, value }, outcome.item);
    return outcome.item;
  }

  async function findByKey(
    key: ReplicatedKey,
    filter: FilterExpression,
  ): Promise<SharePointItem | undefined> {
    const items = await getAllPages<SharePointItem>(
      connection,
      `${itemsPath(key)}${itemsQueryString({ filter })}`,
      `find an item in ${state(key).def.displayName}`,
    );
    return items[0];
  }

  async function getItem(key: ReplicatedKey, itemId: string): Promise<SharePointItem> {
    return graphGet<SharePointItem>(
      connection,
      `${itemsPath(key)}/${itemId}?$expand=fields`,
      `read item ${itemId} of ${state(key).def.displayName}`,
    );
  }

  // ---- the change journal (change-journal.ts): what idle instances watch instead of every list --------------
  let journalListId: string | undefined;
  const journal = createChangeJournal<ReplicatedKey>({
    append: (fields) =>
      graphPost(
        connection,
        `/sites/${siteId}/lists/${journalListId}/items`,
        { fields: createFields(fields) },
        'journal a change',
      ),
    newId,
    now,
    skip: ['auditLog'],
    onError: (error) => report({ kind: 'sync-failed', error: asError(error) }),
  });
  let follower: ReturnType<typeof journalFollower> | undefined;
  let pruner: ReturnType<typeof journalPruner> | undefined;
  const idle = idlePolling<ReplicatedKey>({
    journalNews: () => follower?.news() ?? Promise.resolve('all'),
    lists: heldLists,
    sync: syncLists,
    prune: async () => pruner?.prune(),
  });

  const writes = listWrites<ReplicatedKey>({
    connection,
    itemsPath,
    keyColumn: (key) => state(key).def.keyColumn,
    createItem,
    findByKey,
    getItem,
    journal,
  });

  const pupilItemEntry = (pupilId: string) =>
    [...state('pupils').entries.values()].find((e) => e.row.id === pupilId);

  const senChanges = pupilSenChanges({
    writes,
    newId,
    pupilItem: (pupilId) => {
      const entry = pupilItemEntry(pupilId);
      return entry && { itemId: entry.itemId, eTag: entry.eTag, senChange: entry.row.senChange };
    },
    changedPupils: () =>
      [...state('pupils').entries.values()].filter((e) => e.row.senChange).map((e) => e.row.id),
    pupilRecord: (pupilId) => records.pupilRecord(pupilId),
    listHistory: (pupilId) => {
      const { periods, needs } = listHistoryView();
      return {
        periods: (periods.get(pupilId) ?? []).map((e) => ({
          itemId: e.itemId,
          period: e.row.period as unknown as SenProvisionPeriod,
        })),
        needs: (needs.get(pupilId) ?? []).map((e) => ({
          itemId: e.itemId,
          need: e.row.need as unknown as SenNeed,
        })),
      };
    },
    auditWritten: (entry) => entry.at < auditCutoff() || auditIdsView().has(entry.id),
    appendAudit: (entries) => records.appendAudit(entries),
    applyOwn: (key, item) => void applyOwn(key, item),
    syncLists,
    onUnfinished: (pupilId, error) => report({ kind: 'sen-change-unfinished', pupilId, error }),
  });

  const meetingItem = (meetingId: string) => {
    const entry = [...state('meetings').entries.values()].find((e) => e.row['id'] === meetingId);
    const meeting = entry && parseRecord('meeting', meetingId, meetingSchema, entry.row);
    return entry && meeting ? { itemId: entry.itemId, eTag: entry.eTag, meeting } : undefined;
  };
  const reviewEntry = (reviewId: string) =>
    [...state('ehcPlanReviews').entries.values()].find((e) => e.row.review['id'] === reviewId);
  const bookings = meetingBookings({
    writes,
    newId,
    meetingItem,
    reviewItem: (reviewId) => {
      const entry = reviewEntry(reviewId);
      if (!entry) return undefined;
      const plan = [...state('ehcPlans').entries.values()].find((e) => e.row.id === entry.row.ehcPlanId);
      const review = parseRecord('review', reviewId, reviewSchema, entry.row.review);
      return plan && review
        ? {
            itemId: entry.itemId,
            eTag: entry.eTag,
            plan: { id: plan.row.id, pupilId: plan.row.pupilId },
            review,
          }
        : undefined;
    },
    applyOwn: (key, item) => void applyOwn(key, item),
  });
  const needsAssessments = needsAssessmentWrites({
    writes,
    newId,
    item: (id) => needsAssessmentsView().get(id),
    record: (id) => needsAssessmentsView().get(id)?.record,
    applyOwn: (item) => void applyOwn('needsAssessments', item),
    sync: () => syncLists(['needsAssessments']),
  });
  const ehcPlanChanges = ehcPlanWrites({
    writes,
    newId,
    planItem: (pupilId) => {
      const entry = [...state('ehcPlans').entries.values()].find((e) => e.row.pupilId === pupilId);
      return entry && { itemId: entry.itemId, eTag: entry.eTag };
    },
    reviewItem: (reviewId) => {
      const entry = reviewEntry(reviewId);
      return entry && { itemId: entry.itemId, eTag: entry.eTag, raw: entry.row.review };
    },
    plan: (pupilId) => records.ehcPlan(pupilId),
    review: (pupilId, reviewId) => records.ehcPlanReview(pupilId, reviewId),
    applyOwn: (key, item) => void applyOwn(key, item),
    syncLists,
  });
  const provisionMap = interventionWrites({
    writes,
    newId,
    interventionItem: (id) => {
      const e = [...state('interventions').entries.values()].find((x) => x.row.id === id);
      return e && { itemId: e.itemId, eTag: e.eTag };
    },
    placeItem: (interventionId, pupilId) => {
      const e = [...state('interventionPupils').entries.values()].find(
        (x) => x.row.interventionId === interventionId && x.row.pupil.pupilId === pupilId,
      );
      return e && { itemId: e.itemId, eTag: e.eTag, leftOn: e.row.pupil.leftOn as CalendarDate | undefined };
    },
    intervention: (id) => records.interventions().find((v) => v.value.id === id),
    interventionPupil: (interventionId, pupilId) => records.interventionPupil(interventionId, pupilId),
    applyOwn: (key, item) => void applyOwn(key, item),
    syncLists,
  });

  const professionalRecords = professionalWrites({
    writes,
    newId,
    professional: (id) => professionalsView().all.find((p) => p.id === id),
    referralItem: (id) => {
      const e = [...state('referrals').entries.values()].find((x) => x.row.id === id);
      return e && { itemId: e.itemId };
    },
    referral: (id) => referralsView().all.find((r) => r.value.id === id),
    applyOwn: (key, item) => void applyOwn(key, item),
  });

  const supportPlans = senSupportPlanWrites({
    writes,
    newId,
    planItem: (pupilId) => {
      const entry = [...state('senSupportPlans').entries.values()].find((e) => e.row.pupilId === pupilId);
      return entry && { itemId: entry.itemId, eTag: entry.eTag };
    },
    plan: (pupilId) => records.senSupportPlan(pupilId),
    applyOwn: (item) => void applyOwn('senSupportPlans', item),
    syncPlans: () => syncLists(['senSupportPlans']),
  });

  const examArrangements = accessArrangementWrites({
    writes,
    newId,
    record: (id) => accessArrangementsView().byId.get(id),
    applyOwn: (item) => void applyOwn('accessArrangements', item),
    syncArrangements: () => syncLists(['accessArrangements']),
  });

  const records: SendRecordsReplica = {
    isReady: () => ready,
    meeting: (meetingId) => meetingItem(meetingId)?.meeting,
    meetingBookings: () => bookings,
    changeStamp: () => RECORD_KEYS.map((k) => state(k).generation).join(','),
    pupils: () => pupilsView().list,
    pupil: (id) => pupilsView().byId.get(id),
    pupilRecord: (id) => pupilsView().versions.get(id),
    meetingsFor: (pupilId) => meetingsView().get(pupilId) ?? [],
    passport: (pupilId) => passportsView().get(pupilId)?.current,
    passportHistory: (pupilId) => passportsView().get(pupilId)?.history ?? [],
    ehcPlan: (pupilId) => ehcPlansView().get(pupilId),
    ehcPlanReview: (pupilId, reviewId) => {
      const found = ehcPlanReviewsView().get(reviewId);
      return found?.pupilId === pupilId ? found.review : undefined;
    },
    senSupportPlan: (pupilId) => senSupportPlansView().get(pupilId),
    accessArrangements: (pupilId) =>
      (accessArrangementsView().byPupil.get(pupilId) ?? []).map((a) => a.value),
    accessArrangementRecords: (pupilId) =>
      (accessArrangementsView().byPupil.get(pupilId) ?? []).map(({ itemId: _, ...a }) => a),
    interventions: () => interventionsView().list,
    interventionSessions: (interventionId) =>
      [...state('interventionSessions').entries.values()]
        .filter((e) => e.row.interventionId === interventionId)
        .sort(byItemId)
        .map((e) => e.row),
    interventionPupil: (interventionId, pupilId) =>
      interventionsView().places.get(participationKey(interventionId, pupilId)),
    needsAssessments: (pupilId) =>
      [...needsAssessmentsView().values()].map((a) => a.record).filter((a) => a.value.pupilId === pupilId),
    createNeedsAssessment: (input) => needsAssessments.create(input),
    updateNeedsAssessment: (input) => needsAssessments.update(input),
    professionals: () => professionalsView().all,
    professionalsFor: (pupilId) => professionalsView().byPupil.get(pupilId) ?? [],
    referrals: (pupilId) =>
      pupilId === undefined ? referralsView().all : (referralsView().byPupil.get(pupilId) ?? []),
    acknowledgements: (pupilId) => acknowledgementsView().get(pupilId) ?? [],
    taAssignments: (): readonly TaAssignment[] => taAssignmentsView(),
    settings: () => settingsView().settings,
    async refreshAuditLog() {
      await syncOne('auditLog');
      auditLoaded = true;
    },
    auditLog: ({ pupilId, limit }) => {
      const { all, byPupil } = auditView();
      return (pupilId === undefined ? all : (byPupil.get(pupilId) ?? [])).slice(0, Math.max(0, limit));
    },

    async savePassport({ pupilId, content, expectedETag, by, today }) {
      const stale = () => !sameETag(records.passport(pupilId)?.eTag, expectedETag);
      if (stale()) {
        // Our replica may be behind: look again before calling it a conflict.
        await syncLists(['passports']);
        if (stale()) throw new ConflictError('passport', records.passport(pupilId));
      }
      const previous = records.passport(pupilId)?.value;
      const passport = passportSchema.parse(
        nextPassportVersion({
          ...(previous ? { previous } : {}),
          id: newId(),
          pupilId,
          content,
          reviewedOn: today,
          settings: records.settings().value,
          updatedBy: by.name,
        }),
      );
      const writeId = newId();
      // One item per version, under a unique PupilId#Version: of two saves of version n, one lands.
      const item = await writes.createOnce(
        'passports',
        passportToFields(passport, { userId: by.userId, name: by.name, writeId }),
        `save passport v${passport.version} of pupil ${pupilId}`,
      );
      if (item.fields?.['WriteId'] !== writeId) {
        // Version taken by someone else first.
        await syncLists(['passports']);
        throw new ConflictError('passport', records.passport(pupilId));
      }
      return versioned(applyOwn('passports', item), passport);
    },

    async markPassportReviewed({ pupilId, expectedETag, by, today }) {
      const what = `review of the passport of pupil ${pupilId}`;
      const stale = () => !sameETag(records.passport(pupilId)?.eTag, expectedETag);
      if (stale()) {
        await syncLists(['passports']);
        if (stale()) throw new ConflictError('passport', records.passport(pupilId));
      }
      const current = records.passport(pupilId);
      const entry = [...state('passports').entries.values()].find(
        (e) => e.row.pupilId === pupilId && e.row.version === current?.value.version,
      );
      if (!current || !entry) throw new ConflictError('passport', current);
      const reviewed = reviewedPassport(current.value, today, records.settings().value);
      // Our own retried PATCH may have been applied before the retry was refused: patchIfMatch tells by WriteId.
      const stored = await writes.patchIfMatch({
        key: 'passports',
        itemId: entry.itemId,
        fields: {
          ReviewedOn: reviewed.reviewedOn,
          ReviewDueOn: reviewed.reviewDueOn,
          ChangedByUserId: by.userId,
          ChangedByName: by.name,
          WriteId: newId(),
        },
        version: expectedETag,
        operation: `record the ${what}`,
        conflict: (current, cause) => {
          applyOwn('passports', current);
          return new ConflictError('passport', records.passport(pupilId), { cause });
        },
      });
      applyOwn('passports', stored);
      const saved = records.passport(pupilId);
      if (!saved) throw new Error(`The ${what} was saved but could not be read back`);
      return saved;
    },

    async acknowledgePassport({ pupilId, passportVersion, by, at }) {
      const ack: PassportAcknowledgement = { pupilId, passportVersion, userId: by.userId, name: by.name, at };
      // Acknowledged already: the first acknowledgement stands.
      const item = await writes.createOnce(
        'passportAcknowledgements',
        acknowledgementToFields(ack),
        `acknowledge passport v${passportVersion} of pupil ${pupilId}`,
      );
      return applyOwn('passportAcknowledgements', item).row;
    },

    /**
     * One session per intervention per day, whoever records it and however often: the session's key is the
     * intervention and the date, so recording the day again (a retry, a second click, a correction) updates
     * that one item instead of adding another, and attendance is never counted twice. An item for the day
     * recorded by someone else since we last looked (a 409 on create, a 412 on update) is a conflict unless
     * it already says what we were saving.
     */
    async recordInterventionSession(session) {
      // One item per intervention and day (its SessionId), so recording a day again corrects it, never doubles it.
      const sessionId = `${session.interventionId}|${session.date}`;
      const what = `session of intervention ${session.interventionId} on ${session.date}`;
      const fields = interventionSessionToFields(sessionId, session);
      const sameSession = (item: SharePointItem) => {
        const stored = interventionSessionFromItem(item);
        const sorted = (ids: string[]) => [...ids].sort().join(',');
        return (
          sorted(stored.attendedPupilIds) === sorted(session.attendedPupilIds) &&
          sorted(stored.absentPupilIds) === sorted(session.absentPupilIds) &&
          (stored.note ?? '') === (session.note ?? '')
        );
      };
      const conflict = (item: SharePointItem, cause: unknown) => {
        const entry = applyOwn('interventionSessions', item);
        return new ConflictError('session', versioned(entry, entry.row), { cause });
      };
      // Sessions recorded before this rule have their own ids: the newest one for the day is the one to keep.
      const stored = [...state('interventionSessions').entries.values()]
        .filter((e) => e.row.interventionId === session.interventionId && e.row.date === session.date)
        .sort(byItemId)
        .at(-1);
      if (stored) {
        try {
          await graphPatch(
            connection,
            `${itemsPath('interventionSessions')}/${stored.itemId}/fields`,
            { ...fields, SessionId: undefined, Title: undefined },
            `record the ${what} again`,
            { headers: { 'If-Match': stored.eTag } },
          );
        } catch (err) {
          if (!(err instanceof GraphRequestError && err.status === 412)) throw err;
          const now = await getItem('interventionSessions', stored.itemId);
          if (!sameSession(now)) throw conflict(now, err);
        }
        applyOwn('interventionSessions', await getItem('interventionSessions', stored.itemId));
        return;
      }
      // Found under its key after a failed create: our own retried request, or someone else's record of the day.
      const item = await writes.createOnce('interventionSessions', fields, `record the ${what}`);
      if (!sameSession(item)) throw conflict(item, new Error(`the ${what} was recorded meanwhile`));
      applyOwn('interventionSessions', item);
    },

    async saveInterventionMeasures(input) {
      const { interventionId, pupilId, expectedETag } = input;
      const what = `measures of pupil ${pupilId} in intervention ${interventionId}`;
      const current = () => records.interventionPupil(interventionId, pupilId);
      const place = [...state('interventionPupils').entries.values()].find(
        (e) => e.row.interventionId === interventionId && e.row.pupil.pupilId === pupilId,
      );
      if (!place) throw new Error(`Cannot save the ${what}: the pupil is not in the intervention`);
      const writeId = newId();
      const item = await writes.patchIfMatch({
        key: 'interventionPupils',
        itemId: place.itemId,
        fields: { ...interventionMeasuresToFields(input, writeId), WriteId: writeId },
        version: expectedETag,
        operation: `save the ${what}`,
        conflict: (stored, cause) => {
          applyOwn('interventionPupils', stored);
          return new ConflictError('intervention record for this pupil', current(), { cause });
        },
      });
      applyOwn('interventionPupils', item);
      const saved = current();
      if (!saved) throw new Error(`The ${what} were saved but could not be read back`);
      return saved;
    },

    savePupilSen: (input) => senChanges.save(input),
    saveEhcPlan: (input) => ehcPlanChanges.savePlan(input),
    saveEhcPlanReview: (input) => ehcPlanChanges.saveReview(input),
    createIntervention: (input) => provisionMap.createIntervention(input),
    updateIntervention: (input) => provisionMap.updateIntervention(input),
    addInterventionPupil: (input) => provisionMap.addInterventionPupil(input),
    addProfessional: (input) => professionalRecords.addProfessional(input),
    linkProfessional: (input) => professionalRecords.linkProfessional(input),
    addReferral: (input) => professionalRecords.addReferral(input),
    updateReferral: (input) => professionalRecords.updateReferral(input),
    createSenSupportPlan: (input) => supportPlans.create(input),
    saveSenSupportPlan: (input) => supportPlans.save(input),
    saveAccessArrangement: (input) => examArrangements.save(input),

    async saveSettings({ settings, expectedETag, by }) {
      const value = domainSettingsSchema.parse(settings);
      const writeId = newId();
      const fields = {
        Value: JSON.stringify(value),
        ChangedByUserId: by.userId,
        ChangedByName: by.name,
        WriteId: writeId,
      };
      const conflict = async (cause?: unknown) => {
        await syncLists(['settings']);
        return new ConflictError('settings', records.settings(), { cause });
      };
      const { entry } = settingsView();
      let item: SharePointItem;
      if (!entry) {
        item = await writes.createOnce(
          'settings',
          { Title: DOMAIN_SETTINGS_KEY, SettingKey: DOMAIN_SETTINGS_KEY, ...fields },
          'save settings',
        );
        // Someone saved the first settings before us.
        if (item.fields?.['WriteId'] !== writeId) throw await conflict();
      } else {
        item = await writes.patchIfMatch({
          key: 'settings',
          itemId: entry.itemId,
          fields,
          version: expectedETag,
          operation: 'save settings',
          conflict: (stored, cause) => {
            applyOwn('settings', stored);
            return new ConflictError('settings', records.settings(), { cause });
          },
        });
      }
      applyOwn('settings', item);
      return records.settings();
    },

    async appendAudit(entries) {
      if (entries.length === 0) return;
      const withIds = entries.map((e) => ({ ...e, id: e.id ?? newId() }));
      const requests: BatchRequest[] = withIds.map((e) => ({
        id: e.id,
        method: 'POST',
        url: itemsPath('auditLog'),
        body: { fields: createFields(auditEntryToFields(e.id, e)) },
        // A failed create is read back by its EntryId: one stored already (a retried write) is what we wanted.
        key: { column: AUDIT_LOG_LIST.keyColumn, value: e.id },
      }));
      const results = await runBatch(connection, requests, { operation: 'append to the audit log' });
      const failures: { id: string; error: GraphRequestError; record: AuditEntry }[] = [];
      let applied = false;
      for (const entry of withIds) {
        const result = results.get(entry.id);
        if (result && !result.error) {
          const s = state('auditLog');
          if (applyItem(s, s.entries, result.body as SharePointItem)) applied = true;
          continue;
        }
        // 409: an entry with this id is stored already (a retried write), which is what we wanted.
        if (result?.error?.status === 409) continue;
        failures.push({
          id: entry.id,
          error:
            result?.error ??
            new GraphRequestError({ status: 0, message: 'No result', operation: 'append to the audit log' }),
          record: entry,
        });
      }
      // Applied from SharePoint's answers: the next poll brings anyone else's entries.
      if (applied) state('auditLog').generation += 1;
      if (failures.length > 0) throw new BatchWriteError('append to the audit log', failures);
    },

    async start() {
      stopped = false;
      const ids = await findListIds({
        connection,
        siteId,
        lists: [...Object.values(REPLICATED_LISTS), CHANGE_JOURNAL_LIST],
      });
      // Reading columns an older site lacks would fail item by item; say what to do instead.
      const version = await siteSchemaVersion({ connection, siteId });
      if (version === undefined || version < SCHEMA_VERSION)
        throw new SiteSchemaOutdatedError(version, SCHEMA_VERSION);
      states ??= Object.fromEntries(
        REPLICATED_KEYS.map((key) => [
          key,
          {
            key,
            def: REPLICATED_LISTS[key],
            listId: ids[key],
            deltaLink: undefined,
            entries: new Map(),
            generation: 0,
          },
        ]),
      ) as unknown as States;
      journalListId = ids.changeJournal;
      follower ??= journalFollower({
        connection,
        listPath: `/sites/${siteId}/lists/${ids.changeJournal}`,
        isOwn: (entryId) => journal.isOwn(entryId),
      });
      pruner ??= journalPruner({ connection, listPath: `/sites/${siteId}/lists/${ids.changeJournal}`, now });
      // The journal is followed from before the lists are read, so nothing written meanwhile is missed.
      await follower.begin();
      await syncNow();
      ready = true;
      if (!timer) schedulePoll();
    },

    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await Promise.allSettled([...inFlight, journal.flush()]);
    },

    syncNow,
    unfinishedSenChanges: () => senChanges.unfinished(),
    lastSyncedAt: () => syncedAt,
  };
  return records;
}

/** Runs `run` once at a time; calls made while it runs share one more run after it. */
function coalesce(run: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let queued: Promise<void> | undefined;
  const call = (): Promise<void> => {
    if (!running) {
      running = run().finally(() => {
        running = undefined;
      });
      return running;
    }
    queued ??= running
      .catch(() => undefined)
      .then(() => {
        queued = undefined;
        return call();
      });
    return queued;
  };
  return call;
}

/** At most `max` of the given tasks at once. */
function limiter(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    while (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await task();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
