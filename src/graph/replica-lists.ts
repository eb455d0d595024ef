import { accessArrangementFromItem, ACCESS_ARRANGEMENTS_LIST } from './access-arrangements-list.ts';
import { AUDIT_LOG_LIST, auditEntriesFromItem } from './audit-log-list.ts';
import { EHC_PLAN_REVIEWS_LIST, EHC_PLANS_LIST, ehcPlanFromItem, reviewFromItem } from './ehc-plans-list.ts';
import {
  INTERVENTION_PUPILS_LIST,
  INTERVENTION_SESSIONS_LIST,
  INTERVENTIONS_LIST,
  interventionFromItem,
  interventionPupilFromItem,
  interventionSessionFromItem,
} from './interventions-list.ts';
import type { ListDefinition, ListKey } from './list-definition.ts';
import type { SharePointItem } from './list-fields.ts';
import type { ListMirror, MirrorEntry, MirrorProblem } from './list-mirror.ts';
import { meetingFromItem, MEETINGS_LIST } from './meetings-list.ts';
import { NEEDS_ASSESSMENTS_LIST, needsAssessmentFromItem } from './needs-assessments-list.ts';
import {
  acknowledgementFromItem,
  PASSPORT_ACKNOWLEDGEMENTS_LIST,
  PASSPORTS_LIST,
  passportFromItem,
} from './passports-list.ts';
import {
  PROFESSIONALS_LIST,
  professionalFromItem,
  PUPIL_PROFESSIONALS_LIST,
  pupilProfessionalFromItem,
  referralFromItem,
  REFERRALS_LIST,
} from './professionals-list.ts';
import {
  needFromItem,
  NEEDS_LIST,
  PUPILS_LIST,
  pupilRowFromItem,
  SEN_STATUS_LIST,
  senChangeFromItem,
  senPeriodFromItem,
} from './pupils-list.ts';
import type { Versioned } from './send-records.ts';
import { SEN_SUPPORT_PLANS_LIST, senSupportPlanFromItem } from './sen-support-plans-list.ts';
import { SETTINGS_LIST, settingFromItem } from './settings-list.ts';
import { TA_ASSIGNMENTS_LIST, taAssignmentFromItem } from './ta-assignments-list.ts';

/**
 * The lists the SEND records replica mirrors, how each item is read, and what every resource module
 * (`*-records.ts`) is given to build its views and writes on. To add a list: its `*-list.ts` (definition and
 * mapping), a line in each of the two tables below, and the resource module that reads and writes it.
 */

export const REPLICA_PARSERS = {
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
  auditLog: auditEntriesFromItem,
} satisfies Partial<Record<ListKey, (item: SharePointItem) => unknown>>;

export type ReplicaKey = keyof typeof REPLICA_PARSERS;

export const REPLICA_LISTS: Record<ReplicaKey, ListDefinition> = {
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

export type ReplicaMirror = ListMirror<typeof REPLICA_PARSERS>;
export type ReplicaEntry<K extends ReplicaKey> = MirrorEntry<ReturnType<(typeof REPLICA_PARSERS)[K]>>;

export type ReplicaProblem =
  | MirrorProblem
  | { kind: 'invalid-record'; record: string; id: string; message: string }
  /** A committed change to a pupil's SEN status or needs that could not be finished yet (it will be). */
  | { kind: 'sen-change-unfinished'; pupilId: string; error: Error };

type SafeParser<T> = {
  safeParse(
    v: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: { message: string; path: PropertyKey[] }[] } };
};

/** What a resource module is given. */
export type RecordsContext = {
  mirror: ReplicaMirror;
  newId: () => string;
  report: (problem: ReplicaProblem) => void;
  /** A row checked against its domain schema; one that fails is left out and reported as an invalid record. */
  parse<T>(record: string, id: string, schema: SafeParser<T>, value: unknown): T | undefined;
};

export function recordsContext(
  mirror: ReplicaMirror,
  newId: () => string,
  report: (problem: ReplicaProblem) => void,
): RecordsContext {
  return {
    mirror,
    newId,
    report,
    parse(record, id, schema, value) {
      const parsed = schema.safeParse(value);
      if (parsed.success) return parsed.data;
      const message = parsed.error.issues
        .map((i) => `${i.path.length ? `${i.path.map(String).join('.')}: ` : ''}${i.message}`)
        .join('; ');
      report({ kind: 'invalid-record', record, id, message });
      return undefined;
    },
  };
}

/** A record with the version of the item it was read from. */
export const versioned = <T>(entry: MirrorEntry<unknown>, value: T): Versioned<T> => ({
  value,
  eTag: entry.eTag,
  modifiedAt: entry.modifiedAt,
  modifiedBy: entry.modifiedBy,
});

export function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Items of a SharePoint list compare by numeric id (creation order). */
export const byItemId = (a: { itemId: string }, b: { itemId: string }) => Number(a.itemId) - Number(b.itemId);

/** A list's items in creation order. */
export const inItemOrder = <K extends ReplicaKey>(mirror: ReplicaMirror, key: K): ReplicaEntry<K>[] =>
  [...mirror.entries(key).values()].sort(byItemId);
