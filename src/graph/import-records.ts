import type { EhcPlan } from '../domain/ehc-plan.schema.ts';
import type { ExamAccessArrangement } from '../domain/exam-access.schema.ts';
import type { Intervention } from '../domain/intervention.schema.ts';
import type { Meeting } from '../domain/meeting.schema.ts';
import type { Passport } from '../domain/passport.schema.ts';
import type { ExternalProfessional } from '../domain/professional.schema.ts';
import type { Pupil } from '../domain/pupil.schema.ts';
import type { SenSupportPlan } from '../domain/sen-support-plan.schema.ts';
import { ACCESS_ARRANGEMENTS_LIST, accessArrangementToFields } from './access-arrangements-list.ts';
import { runBatch, type BatchRequest, type BatchResult } from './batch.ts';
import { EHC_PLAN_REVIEWS_LIST, EHC_PLANS_LIST, ehcPlanToFields, reviewToFields } from './ehc-plans-list.ts';
import type { GraphConnection } from './graph-client.ts';
import { BatchWriteError, type GraphRequestError } from './graph-request-error.ts';
import { getAllPages } from './graph-requests.ts';
import {
  INTERVENTION_PUPILS_LIST,
  INTERVENTIONS_LIST,
  interventionPupilToFields,
  interventionToFields,
} from './interventions-list.ts';
import type { ListDefinition, ListKey } from './list-definition.ts';
import { createFields, type Fields, type SharePointItem } from './list-fields.ts';
import { MEETINGS_LIST, meetingToFields } from './meetings-list.ts';
import { itemsQueryString } from './odata.ts';
import { PASSPORTS_LIST, passportToFields } from './passports-list.ts';
import {
  PROFESSIONALS_LIST,
  professionalToFields,
  PUPIL_PROFESSIONALS_LIST,
  pupilProfessionalToFields,
  type PupilProfessionalLink,
} from './professionals-list.ts';
import {
  NEEDS_LIST,
  needToFields,
  PUPILS_LIST,
  pupilToFields,
  SEN_STATUS_LIST,
  senPeriodToFields,
} from './pupils-list.ts';
import type { TaAssignment } from './send-records.ts';
import { SEN_SUPPORT_PLANS_LIST, senSupportPlanToFields } from './sen-support-plans-list.ts';
import { findListIds } from './site.ts';
import { TA_ASSIGNMENTS_LIST, taAssignmentToFields } from './ta-assignments-list.ts';

/**
 * Bulk load of SEND records (an MIS export, the demo school) through $batch. Idempotent: every list has a
 * unique key column, so records already there are skipped (read first; a create that fails is read back
 * by its key, and one found stored (it raced another import, or a retry had already applied it) also counts
 * as "already there": SharePoint answers a duplicate with 500, not 409). Existing items are
 * never changed. Throttled members are retried by the batch runner; nothing is written twice.
 */

export type SendRecordsImport = {
  pupils: readonly Pupil[];
  passports?: readonly Passport[];
  senSupportPlans?: readonly SenSupportPlan[];
  ehcPlans?: readonly EhcPlan[];
  professionals?: readonly ExternalProfessional[];
  pupilProfessionals?: readonly PupilProfessionalLink[];
  interventions?: readonly Intervention[];
  accessArrangements?: readonly ExamAccessArrangement[];
  taAssignments?: readonly TaAssignment[];
  meetings?: readonly Meeting[];
  /** Outlook event ids of meetings already booked in Outlook, by meeting id (Meetings.OutlookEventId). */
  meetingEventIds?: ReadonlyMap<string, string>;
};

export type ImportProgress = {
  done: number;
  total: number;
  created: number;
  skipped: number;
  failed: number;
};

export type ImportCounts = { created: number; skipped: number };

export type ImportResult = {
  byList: Partial<Record<ListKey, ImportCounts>>;
  created: number;
  skipped: number;
};

type ItemWrite = { list: ListDefinition; key: string; fields: Fields };

/** One item per list row, keyed by the list's key column. */
export function importWrites(records: SendRecordsImport, importedBy?: string): ItemWrite[] {
  const writes: ItemWrite[] = [];
  const add = (list: ListDefinition, fields: Fields) => {
    const key = fields[list.keyColumn];
    if (typeof key !== 'string' || key === '')
      throw new RangeError(`${list.displayName}: a record has no ${list.keyColumn}`);
    // "Changed by" for imported records names the import, not SharePoint's "SharePoint App".
    const stamped =
      importedBy &&
      fields['ChangedByName'] === undefined &&
      list.columns.some((c) => c.name === 'ChangedByName')
        ? { ...fields, ChangedByName: importedBy }
        : fields;
    writes.push({ list, key, fields: stamped });
  };
  for (const pupil of records.pupils) {
    add(PUPILS_LIST, pupilToFields(pupil));
    for (const period of pupil.senProvision) add(SEN_STATUS_LIST, senPeriodToFields(pupil.id, period));
    for (const need of pupil.needs) add(NEEDS_LIST, needToFields(pupil.id, need));
  }
  for (const p of records.passports ?? []) add(PASSPORTS_LIST, passportToFields(p));
  for (const p of records.senSupportPlans ?? []) add(SEN_SUPPORT_PLANS_LIST, senSupportPlanToFields(p));
  for (const plan of records.ehcPlans ?? []) {
    add(EHC_PLANS_LIST, ehcPlanToFields(plan));
    for (const review of plan.reviews) add(EHC_PLAN_REVIEWS_LIST, reviewToFields(plan, review));
  }
  for (const p of records.professionals ?? []) add(PROFESSIONALS_LIST, professionalToFields(p));
  for (const link of records.pupilProfessionals ?? [])
    add(PUPIL_PROFESSIONALS_LIST, pupilProfessionalToFields(link));
  for (const i of records.interventions ?? []) {
    add(INTERVENTIONS_LIST, interventionToFields(i));
    for (const p of i.pupils) add(INTERVENTION_PUPILS_LIST, interventionPupilToFields(i.id, p));
  }
  for (const a of records.accessArrangements ?? [])
    add(ACCESS_ARRANGEMENTS_LIST, accessArrangementToFields(a));
  for (const a of records.taAssignments ?? []) add(TA_ASSIGNMENTS_LIST, taAssignmentToFields(a));
  for (const m of records.meetings ?? [])
    add(MEETINGS_LIST, meetingToFields(m, records.meetingEventIds?.get(m.id)));
  return writes;
}

/** SharePoint compares unique text without case, so keys are matched the same way. */
const keyOf = (key: string) => key.toLowerCase();

export async function importSendRecords(input: {
  connection: GraphConnection;
  siteId: string;
  records: SendRecordsImport;
  onProgress?: (progress: ImportProgress) => void;
  /** Batches in flight at once (default 2). */
  concurrency?: number;
  /** Shown as who last changed the imported records, e.g. 'MIS import'. */
  importedBy?: string;
}): Promise<ImportResult> {
  const { connection, siteId } = input;
  const writes = importWrites(input.records, input.importedBy);
  const lists = [...new Map(writes.map((w) => [w.list.key, w.list])).values()];
  const ids = await findListIds({ connection, siteId, lists });

  const byList: Partial<Record<ListKey, ImportCounts>> = {};
  const counts = (key: ListKey) => (byList[key] ??= { created: 0, skipped: 0 });
  const toCreate: ItemWrite[] = [];
  for (const list of lists) {
    const existing = await getAllPages<SharePointItem>(
      connection,
      `/sites/${siteId}/lists/${ids[list.key]}/items${itemsQueryString({ select: [list.keyColumn], top: 1000 })}`,
      `read the keys of ${list.displayName}`,
    );
    const have = new Set(
      existing
        .map((i) => i.fields?.[list.keyColumn])
        .filter((k): k is string => typeof k === 'string')
        .map(keyOf),
    );
    const seen = new Set<string>();
    for (const w of writes.filter((w) => w.list.key === list.key)) {
      if (have.has(keyOf(w.key)) || seen.has(keyOf(w.key))) counts(list.key).skipped += 1;
      else toCreate.push(w);
      seen.add(keyOf(w.key));
    }
  }

  const requests: BatchRequest[] = toCreate.map((w, i) => ({
    id: String(i + 1),
    method: 'POST',
    url: `/sites/${siteId}/lists/${ids[w.list.key]}/items`,
    body: { fields: createFields(w.fields) },
    // A create that fails is read back by its key (batch.ts): one stored already counts as skipped.
    key: { column: w.list.keyColumn, value: w.key },
  }));
  const writeOf = (id: string) => toCreate[Number(id) - 1]!;
  const progress: ImportProgress = {
    done: writes.length - toCreate.length,
    total: writes.length,
    created: 0,
    skipped: writes.length - toCreate.length,
    failed: 0,
  };
  input.onProgress?.({ ...progress });
  const failures: { id: string; error: GraphRequestError; record: { list: string; key: string } }[] = [];
  const settle = (result: BatchResult) => {
    const w = writeOf(result.id);
    progress.done += 1;
    if (result.alreadyStored) {
      counts(w.list.key).skipped += 1;
      progress.skipped += 1;
    } else if (!result.error) {
      counts(w.list.key).created += 1;
      progress.created += 1;
    } else {
      failures.push({ id: result.id, error: result.error, record: { list: w.list.displayName, key: w.key } });
      progress.failed += 1;
    }
  };
  await runBatch(connection, requests, {
    operation: 'import SEND records',
    ...(input.concurrency ? { concurrency: input.concurrency } : {}),
    onBatchSettled: (results) => {
      results.forEach(settle);
      input.onProgress?.({ ...progress });
    },
  });
  if (failures.length > 0) throw new BatchWriteError('import SEND records', failures);
  const totals = Object.values(byList).reduce(
    (t, c) => ({ created: t.created + c.created, skipped: t.skipped + c.skipped }),
    { created: 0, skipped: 0 },
  );
  return { byList, ...totals };
}
