import { SEN_NEED_CODES, type SenNeed } from '../domain/needs.ts';
import { pupilDisplayName, type Pupil } from '../domain/pupil.schema.ts';
import {
  LEGACY_SEN_PROVISION_CODES,
  SEN_PROVISION_CODES,
  type SenProvisionPeriod,
} from '../domain/sen-status.ts';
import {
  booleanColumn,
  CHANGED_BY_COLUMNS,
  choiceColumn,
  dateColumn,
  integerColumn,
  jsonColumn,
  textColumn,
  type ListDefinition,
} from './list-definition.ts';
import {
  FieldError,
  fieldReader,
  jsonValue,
  opt,
  titleValue,
  type Fields,
  type SharePointItem,
} from './list-fields.ts';
import type { AuditEntry } from './send-records.ts';

/**
 * Pupils, their SEN provision history (one item per dated period, N/K/E and legacy codes) and their census
 * needs (one item per need). JSON columns: Pupils.ClassIds (class team group ids) and Pupils.Contacts.
 * The replica puts a Pupil back together from the three lists and checks it with pupilSchema.
 *
 * A change to the status or needs spans several items, and SharePoint has no transaction across items, so
 * it is made in one item: the pupil's. One PATCH with If-Match writes the pupil's whole new history (and the
 * audit entry recording the change) to the pupil item's SenChange column. That PATCH is the commit point:
 * before it lands the pupil is as before, after it the pupil is as after, whatever happens next. Once a pupil
 * has a SenChange, their history is read from it; the status and needs lists are then brought into step with
 * it (add what is new, close what ended — never anything else, see senHistoryWrites in src/domain), by the
 * save itself and, if that is interrupted or throttled, by the replica's repair on start and after each sync.
 * The lists are the history for reporting and for pupils never changed through the app.
 */

export const PUPILS_LIST: ListDefinition = {
  key: 'pupils',
  displayName: 'SENCO Hub Pupils',
  description: 'Pupils on the SEND register and their details (SENCO Hub).',
  keyColumn: 'PupilId',
  since: 1,
  columns: [
    textColumn('PupilId', { unique: true, description: 'Entra object id of the pupil' }),
    textColumn('Upn', { unique: true, description: 'DfE Unique Pupil Number' }),
    textColumn('LegalForename'),
    textColumn('LegalSurname', { indexed: true }),
    textColumn('PreferredForename'),
    dateColumn('DateOfBirth'),
    integerColumn('YearGroupOffset'),
    jsonColumn('ClassIds', { description: 'Class team (Microsoft 365 group) ids, as a JSON array' }),
    booleanColumn('LookedAfter'),
    dateColumn('PepReviewedOn'),
    booleanColumn('PupilPremium'),
    booleanColumn('FreeSchoolMeals'),
    booleanColumn('Eal'),
    booleanColumn('TopUpFunding'),
    jsonColumn('Contacts', { description: 'Contacts in priority order, as JSON' }),
    // Since v2: a change to the pupil's SEN status or needs is made If-Match on the pupil item, which records
    // who made it.
    ...CHANGED_BY_COLUMNS.map((c) => ({ ...c, since: 2 })),
    // Since v3: the pupil's whole SEN status and needs history as last changed through the app (see
    // SenChange below), written in the same If-Match PATCH that makes the change.
    jsonColumn('SenChange', {
      description: 'The SEN status and needs history as last changed, and its audit entries, as JSON',
      since: 3,
    }),
  ],
};

export const SEN_STATUS_LIST: ListDefinition = {
  key: 'senStatus',
  displayName: 'SENCO Hub SEN Status History',
  description: 'Dated SEN provision (census N, K, E; legacy S, A, P) for each pupil (SENCO Hub).',
  keyColumn: 'PeriodKey',
  since: 1,
  columns: [
    textColumn('PeriodKey', { unique: true, description: 'PupilId|StartOn|Code' }),
    textColumn('PupilId', { indexed: true }),
    choiceColumn('Code', [...SEN_PROVISION_CODES, ...LEGACY_SEN_PROVISION_CODES], { indexed: true }),
    dateColumn('StartOn', { indexed: true }),
    dateColumn('EndOn', { description: 'The day the provision stopped applying' }),
  ],
};

export const NEEDS_LIST: ListDefinition = {
  key: 'needs',
  displayName: 'SENCO Hub Needs',
  description: 'Ranked census SEN needs for each pupil (SENCO Hub).',
  keyColumn: 'NeedKey',
  since: 1,
  columns: [
    textColumn('NeedKey', { unique: true, description: 'PupilId|Rank|NeedCode|StartOn' }),
    textColumn('PupilId', { indexed: true }),
    choiceColumn('NeedCode', SEN_NEED_CODES, { indexed: true }),
    integerColumn('Rank'),
    dateColumn('StartOn'),
    dateColumn('EndOn'),
  ],
};

/** A pupil without the parts kept in their own lists. */
export type PupilRow = Omit<Pupil, 'senProvision' | 'needs'>;

export function pupilToFields(pupil: Pupil): Fields {
  return {
    Title: titleValue(pupilDisplayName(pupil)),
    PupilId: pupil.id,
    Upn: pupil.upn,
    LegalForename: pupil.legalForename,
    LegalSurname: pupil.legalSurname,
    PreferredForename: opt(pupil.preferredForename),
    DateOfBirth: pupil.dateOfBirth,
    YearGroupOffset: pupil.yearGroupOffset,
    ClassIds: jsonValue(pupil.classIds),
    LookedAfter: pupil.lookedAfter,
    PepReviewedOn: opt(pupil.pepReviewedOn),
    PupilPremium: pupil.pupilPremium,
    FreeSchoolMeals: pupil.freeSchoolMeals,
    Eal: pupil.eal,
    TopUpFunding: pupil.topUpFunding,
    Contacts: jsonValue(pupil.contacts),
  };
}

/** Unchecked: the replica parses the assembled pupil with pupilSchema. */
export function pupilRowFromItem(item: SharePointItem): Record<string, unknown> & { id: string } {
  const f = fieldReader(PUPILS_LIST, item);
  return {
    id: f.text('PupilId'),
    upn: f.text('Upn'),
    legalForename: f.text('LegalForename'),
    legalSurname: f.text('LegalSurname'),
    preferredForename: f.optionalText('PreferredForename'),
    dateOfBirth: f.date('DateOfBirth'),
    yearGroupOffset: f.optionalNumber('YearGroupOffset') ?? 0,
    classIds: f.json('ClassIds') ?? [],
    lookedAfter: f.boolean('LookedAfter'),
    pepReviewedOn: f.optionalDate('PepReviewedOn'),
    pupilPremium: f.boolean('PupilPremium'),
    freeSchoolMeals: f.boolean('FreeSchoolMeals'),
    eal: f.boolean('Eal'),
    topUpFunding: f.boolean('TopUpFunding'),
    contacts: f.json('Contacts') ?? [],
  };
}

export const periodKey = (pupilId: string, period: SenProvisionPeriod) =>
  `${pupilId}|${period.startOn}|${period.code}`;

export function senPeriodToFields(pupilId: string, period: SenProvisionPeriod): Fields {
  return {
    Title: titleValue(`${period.code} from ${period.startOn}`),
    PeriodKey: periodKey(pupilId, period),
    PupilId: pupilId,
    Code: period.code,
    StartOn: period.startOn,
    EndOn: opt(period.endOn),
  };
}

export function senPeriodFromItem(item: SharePointItem): {
  pupilId: string;
  period: Record<string, unknown>;
} {
  const f = fieldReader(SEN_STATUS_LIST, item);
  return {
    pupilId: f.text('PupilId'),
    period: { code: f.text('Code'), startOn: f.date('StartOn'), endOn: f.optionalDate('EndOn') },
  };
}

export const needKey = (pupilId: string, need: SenNeed) =>
  `${pupilId}|${need.rank}|${need.code}|${need.startOn ?? ''}`;

export function needToFields(pupilId: string, need: SenNeed): Fields {
  return {
    Title: titleValue(`${need.code} (${need.rank === 1 ? 'primary' : 'secondary'})`),
    NeedKey: needKey(pupilId, need),
    PupilId: pupilId,
    NeedCode: need.code,
    Rank: need.rank,
    StartOn: opt(need.startOn),
    EndOn: opt(need.endOn),
  };
}

export function needFromItem(item: SharePointItem): { pupilId: string; need: Record<string, unknown> } {
  const f = fieldReader(NEEDS_LIST, item);
  return {
    pupilId: f.text('PupilId'),
    need: {
      code: f.text('NeedCode'),
      rank: f.number('Rank'),
      startOn: f.optionalDate('StartOn'),
      endOn: f.optionalDate('EndOn'),
    },
  };
}

/**
 * The pupil item's SenChange column: the history as last changed (checked with pupilSchema by the replica,
 * like the lists' rows), the id of that change, and audit entries that may not be in the audit log yet (the
 * one recording this change, and any of an earlier change whose completion was interrupted). Entries carry
 * their own ids, so writing one again stores it once.
 */
export type SenChange = {
  changeId: string;
  senProvision: readonly Record<string, unknown>[];
  needs: readonly Record<string, unknown>[];
  audit: readonly (AuditEntry & { id: string })[];
};

export function senChangeToFields(change: SenChange): Fields {
  return { SenChange: JSON.stringify(change) };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** undefined when the pupil has never been changed through the app. */
export function senChangeFromItem(item: SharePointItem): SenChange | undefined {
  const value = fieldReader(PUPILS_LIST, item).json('SenChange');
  if (value === undefined) return undefined;
  const fail = (message: string) => new FieldError(PUPILS_LIST.displayName, item.id, 'SenChange', message);
  if (!isRecord(value) || typeof value['changeId'] !== 'string') throw fail('has no change id');
  const { senProvision, needs, audit } = value;
  if (!Array.isArray(senProvision) || !senProvision.every(isRecord)) throw fail('senProvision is not a list');
  if (!Array.isArray(needs) || !needs.every(isRecord)) throw fail('needs is not a list');
  if (
    !Array.isArray(audit) ||
    !audit.every(
      (e) =>
        isRecord(e) &&
        typeof e['id'] === 'string' &&
        typeof e['at'] === 'string' &&
        typeof e['action'] === 'string' &&
        typeof e['resource'] === 'string' &&
        isRecord(e['actor']),
    )
  )
    throw fail('audit is not a list of audit entries');
  return {
    changeId: value['changeId'],
    senProvision,
    needs,
    audit: audit as unknown as SenChange['audit'],
  };
}
