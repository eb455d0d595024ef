import { formatCalendarDate, isAfter, isBefore, type CalendarDate } from './calendar-date.ts';
import { needProblems, SEN_NEEDS, type SenNeed, type SenNeedCode } from './needs.ts';
import type { Pupil } from './pupil.schema.ts';
import {
  openPeriods,
  provisionOn,
  SEN_PROVISION_LABELS,
  type SenProvisionCode,
  type SenProvisionPeriod,
} from './sen-status.ts';

/**
 * Changing a pupil's SEN status (census N, K, E) or their needs, as the SENCO records it: each change takes
 * effect from a day, closes what was open (ending that day) and opens what is new, so the history is kept.
 * The answer is the whole new status and needs history, or the problems with the change, each naming the
 * field the SENCO should look at.
 */

export type SenRecord = Pick<Pupil, 'senProvision' | 'needs'>;

export type SenStatusChange = { code: SenProvisionCode; from: CalendarDate };

export type NeedsChange = {
  primaryNeed: SenNeedCode;
  secondaryNeed?: SenNeedCode | undefined;
  from: CalendarDate;
};

export type SenChangeProblem<F extends string> = { field: F; message: string };

export type SenChangeResult<F extends string> =
  { ok: true; record: SenRecord } | { ok: false; problems: SenChangeProblem<F>[] };

const NEED_RANK_LABELS = { 1: 'primary need', 2: 'secondary need' } as const;

function notInFuture(from: CalendarDate, today: CalendarDate): string | undefined {
  return isAfter(from, today)
    ? `From date cannot be in the future: record the change on or after the day it takes effect`
    : undefined;
}

/**
 * Puts the pupil on SEN support (K), records an EHC plan (E) or takes them off the register (N) from a day.
 * Taking a pupil off the register ends their open needs that same day (the census has no needs at N).
 */
export function changeSenStatus(
  record: SenRecord,
  change: SenStatusChange,
  today: CalendarDate,
): SenChangeResult<'code' | 'from'> {
  const problems: SenChangeProblem<'code' | 'from'>[] = [];
  const open = openPeriods(record.senProvision);
  if (open.length > 1) {
    return {
      ok: false,
      problems: [
        {
          field: 'code',
          message: 'The status history has more than one open period: correct it in the census check first',
        },
      ],
    };
  }
  const current = open[0];
  if ((current?.code ?? 'N') === change.code) {
    problems.push({
      field: 'code',
      message: `The pupil is already recorded as ${SEN_PROVISION_LABELS[change.code]} (${change.code})`,
    });
  }
  const future = notInFuture(change.from, today);
  if (future) problems.push({ field: 'from', message: future });
  else if (current && !isBefore(current.startOn, change.from)) {
    problems.push({
      field: 'from',
      message: `From date must be after the last change, on ${formatCalendarDate(current.startOn)}`,
    });
  }
  if (problems.length > 0) return { ok: false, problems };

  const senProvision: SenProvisionPeriod[] = [
    ...record.senProvision.map((p) => (p === current ? { ...p, endOn: change.from } : p)),
    { code: change.code, startOn: change.from },
  ];
  const needs =
    change.code === 'N'
      ? record.needs.map((n) => (n.endOn === undefined ? { ...n, endOn: change.from } : n))
      : [...record.needs];
  return { ok: true, record: { senProvision, needs } };
}

/**
 * Records the pupil's primary need (and secondary need, or none) from a day. Needs that stay the same are
 * left open; a need that changes is ended that day and the new one starts that day.
 */
export function recordNeeds(
  record: SenRecord,
  change: NeedsChange,
  today: CalendarDate,
): SenChangeResult<'primaryNeed' | 'secondaryNeed' | 'from'> {
  type Field = 'primaryNeed' | 'secondaryNeed' | 'from';
  const problems: SenChangeProblem<Field>[] = [];
  // One message per field: the first is the one to act on.
  const add = (field: Field, message: string) => {
    if (!problems.some((p) => p.field === field)) problems.push({ field, message });
  };
  const provision = provisionOn(record.senProvision, change.from);
  const future = notInFuture(change.from, today);
  if (future) add('from', future);
  else if (provision === 'N') {
    add(
      'from',
      `The pupil is not on the SEN register on ${formatCalendarDate(change.from)}: record SEN support or an EHC plan from that day first`,
    );
  }
  if (change.secondaryNeed === change.primaryNeed) {
    add('secondaryNeed', 'The secondary need must differ from the primary need');
  }

  const wanted: SenNeed[] = [{ code: change.primaryNeed, rank: 1 }];
  if (change.secondaryNeed !== undefined) wanted.push({ code: change.secondaryNeed, rank: 2 });
  const isWanted = (n: SenNeed) => wanted.some((w) => w.code === n.code && w.rank === n.rank);
  const open = record.needs.filter((n) => n.endOn === undefined);
  const ending = open.filter((n) => !isWanted(n));
  const adding = wanted.filter((w) => !open.some((n) => n.code === w.code && n.rank === w.rank));
  if (ending.length === 0 && adding.length === 0) {
    add('primaryNeed', 'These are already the pupil’s needs: change the primary or secondary need');
  }
  for (const n of ending) {
    if (n.startOn !== undefined && !isBefore(n.startOn, change.from)) {
      add(
        'from',
        `From date must be after the current ${NEED_RANK_LABELS[n.rank]} (${SEN_NEEDS[n.code].description}) was recorded, on ${formatCalendarDate(n.startOn)}`,
      );
    }
  }
  if (provision !== 'N') {
    for (const p of needProblems(wanted, provision)) {
      if (p.code === 'nsa-with-ehc-plan') add('primaryNeed', p.message);
      if (p.code === 'nsa-with-other-need') add('secondaryNeed', p.message);
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  const needs: SenNeed[] = [
    ...record.needs.map((n) => (ending.includes(n) ? { ...n, endOn: change.from } : n)),
    ...adding.map((w) => ({ ...w, startOn: change.from })),
  ];
  return { ok: true, record: { senProvision: [...record.senProvision], needs } };
}

/**
 * What saving a new SEN record over a stored one writes. The history is only ever added to or closed:
 * a period or need is never removed, never reopened and, once closed, never re-dated. So every write is an
 * "add this entry" or "close this open entry on this day", and writing the same record twice, or an older
 * record after a newer one, can never undo anything — which is what lets an interrupted save be finished
 * later by whoever finds it, in any order.
 */
export type SenHistoryWrites = {
  addPeriods: SenProvisionPeriod[];
  /** Stored open periods to close, with the day they end. */
  closePeriods: { stored: SenProvisionPeriod; endOn: CalendarDate }[];
  addNeeds: SenNeed[];
  closeNeeds: { stored: SenNeed; endOn: CalendarDate }[];
  /** Changes the rule forbids (removing, reopening or re-dating history); none of them is among the writes. */
  problems: string[];
};

/**
 * A pupil's SEN record in the order it is shown and stored, wherever it comes from: status periods by start
 * day, needs by rank (primary first). A sort is stable, so entries of one day or rank keep their order.
 */
export function senRecordInOrder<
  P extends Pick<SenProvisionPeriod, 'startOn'>,
  N extends Pick<SenNeed, 'rank'>,
>(record: { senProvision: readonly P[]; needs: readonly N[] }): { senProvision: P[]; needs: N[] } {
  return {
    senProvision: [...record.senProvision].sort((a, b) =>
      a.startOn < b.startOn ? -1 : a.startOn > b.startOn ? 1 : 0,
    ),
    needs: [...record.needs].sort((a, b) => a.rank - b.rank),
  };
}

/** A period is the same period when it has the same code and start day. */
export const senPeriodIdentity = (p: Pick<SenProvisionPeriod, 'code' | 'startOn'>): string =>
  `${p.startOn}|${p.code}`;

/** A need is the same need when it has the same code, rank and start day. */
export const senNeedIdentity = (n: Pick<SenNeed, 'code' | 'rank' | 'startOn'>): string =>
  `${n.rank}|${n.code}|${n.startOn ?? ''}`;

export function senHistoryWrites(stored: SenRecord, next: SenRecord): SenHistoryWrites {
  const periods = historyWrites(
    stored.senProvision,
    next.senProvision,
    senPeriodIdentity,
    (p) => `status period ${p.code} from ${p.startOn}`,
  );
  const needs = historyWrites(
    stored.needs,
    next.needs,
    senNeedIdentity,
    (n) => `${NEED_RANK_LABELS[n.rank]} ${n.code}${n.startOn ? ` from ${n.startOn}` : ''}`,
  );
  return {
    addPeriods: periods.add,
    closePeriods: periods.close,
    addNeeds: needs.add,
    closeNeeds: needs.close,
    problems: [...periods.problems, ...needs.problems],
  };
}

/** True when the stored history already is `next` (nothing to add or close). */
export function senHistoryComplete(stored: SenRecord, next: SenRecord): boolean {
  const w = senHistoryWrites(stored, next);
  return (
    w.addPeriods.length === 0 &&
    w.closePeriods.length === 0 &&
    w.addNeeds.length === 0 &&
    w.closeNeeds.length === 0
  );
}

function historyWrites<T extends { endOn?: CalendarDate | undefined }>(
  stored: readonly T[],
  next: readonly T[],
  identity: (entry: T) => string,
  describe: (entry: T) => string,
): { add: T[]; close: { stored: T; endOn: CalendarDate }[]; problems: string[] } {
  const wanted = new Map(next.map((e) => [identity(e), e]));
  const have = new Map(stored.map((e) => [identity(e), e]));
  const add: T[] = [];
  const close: { stored: T; endOn: CalendarDate }[] = [];
  const problems: string[] = [];
  for (const [key, old] of have) {
    const now = wanted.get(key);
    if (!now) problems.push(`${describe(old)} would be removed`);
    else if (old.endOn !== undefined && now.endOn === undefined)
      problems.push(`${describe(old)} would be reopened`);
    else if (old.endOn !== undefined && now.endOn !== old.endOn)
      problems.push(`${describe(old)} would end on ${now.endOn} instead of ${old.endOn}`);
    else if (old.endOn === undefined && now.endOn !== undefined)
      close.push({ stored: old, endOn: now.endOn });
  }
  for (const [key, entry] of wanted) if (!have.has(key)) add.push(entry);
  return { add, close, problems };
}
