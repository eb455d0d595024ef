import type { CalendarDate } from './calendar-date.ts';
import type { DomainSettings } from './domain-settings.ts';
import {
  BROAD_AREAS_OF_NEED,
  broadAreaOf,
  primaryNeedOn,
  SEN_NEED_CODES,
  secondaryNeedOn,
  type BroadAreaOfNeed,
  type SenNeedCode,
} from './needs.ts';
import { pupilDisplayName, pupilYearGroupOn, type Pupil } from './pupil.schema.ts';
import type { RollPupil } from './roll.ts';
import {
  planParentReviewCadence,
  planPastParentReviewYears,
  type ParentReviewCadence,
} from './sen-support-plan.ts';
import type { SenSupportPlan } from './sen-support-plan.schema.ts';
import { provisionOn, SEN_PROVISION_CODES, type SenProvisionCode } from './sen-status.ts';
import { compareYearGroups, type YearGroup } from './year-group.ts';

/** A count and its share of a stated base, as a percentage to one decimal place (0 when the base is 0). */
export type Share = { readonly count: number; readonly percent: number };

export function percentOf(count: number, base: number): number {
  return base === 0 ? 0 : Math.round((count / base) * 1000) / 10;
}

const share = (count: number, base: number): Share => ({ count, percent: percentOf(count, base) });

/** A group of the roll (a year group, class or flag) and its SEN make-up. */
export type GroupBreakdown = {
  readonly roll: number;
  readonly senSupport: number;
  readonly ehcPlan: number;
  /** K + E as a share of the group's roll. */
  readonly sen: Share;
};

export const PUPIL_FLAGS = ['lookedAfter', 'pupilPremium', 'freeSchoolMeals', 'eal', 'topUpFunding'] as const;
export type PupilFlag = (typeof PUPIL_FLAGS)[number];

export type RegisterSummary = {
  readonly on: CalendarDate;
  /** Pupils on roll, plus any pupil in the SEND records the roll does not list (see notOnRoll). */
  readonly roll: number;
  /** Pupils in the SEND records whom the roll does not list (left, or a UPN that does not match). */
  readonly notOnRoll: number;
  /** N + K + E = the whole roll. */
  readonly byStatus: Record<SenProvisionCode, Share>;
  /** Pupils at K or E. */
  readonly senCount: number;
  /** Primary need of pupils at K or E, as a share of them. */
  readonly byPrimaryNeed: Record<SenNeedCode, Share>;
  /** Secondary need of pupils at K or E, as a share of them. */
  readonly bySecondaryNeed: Record<SenNeedCode, Share>;
  /** Broad area of the primary need, as a share of pupils at K or E. */
  readonly byBroadArea: Record<BroadAreaOfNeed, Share>;
  readonly byYearGroup: readonly ({ readonly yearGroup: YearGroup | 'unknown' } & GroupBreakdown)[];
  /** Each class with the year most of its pupils are in ('unknown' if none is known), to order classes by. */
  readonly byClass: readonly ({
    readonly classId: string;
    readonly yearGroup: YearGroup | 'unknown';
  } & GroupBreakdown)[];
  /**
   * Pupils with each flag, and the SEN share among them. Only the SEND records carry flags (the roster has
   * no pupil premium or EAL), so these count pupils in the SEND records, not the whole roll.
   */
  readonly byFlag: Record<PupilFlag, GroupBreakdown>;
};

/** One pupil counted in the numbers: from the SEND records, the roll, or both. */
type Row = {
  status: SenProvisionCode;
  yearGroup: YearGroup | 'unknown';
  classIds: readonly string[];
  /** The SEND record, when there is one. */
  pupil: Pupil | undefined;
};

/**
 * Joins the roll to the SEND records by UPN. A pupil on the roll without a SEND record is N. For a pupil in
 * both, the record gives the status and the year group (as the register's year filter does: date of birth
 * and any offset, from the MIS) and the roll gives the classes (as the register's class filter does), each
 * falling back to the other when missing. A pupil in the SEND records but not on the roll is still counted,
 * from their record alone, so that no pupil on the register drops out of the numbers; notOnRoll says how
 * many there are, for the SENCO to check.
 */
function rowsOf(input: { pupils: readonly Pupil[]; roll: readonly RollPupil[]; on: CalendarDate }): {
  rows: Row[];
  notOnRoll: number;
} {
  const { pupils, on } = input;
  const rollByUpn = new Map(input.roll.map((r) => [r.upn.trim().toUpperCase(), r]));
  const recorded = new Set<string>();
  let notOnRoll = 0;
  const rows: Row[] = pupils.map((pupil) => {
    const upn = pupil.upn.trim().toUpperCase();
    recorded.add(upn);
    const onRoll = rollByUpn.get(upn);
    if (!onRoll) notOnRoll += 1;
    return {
      status: provisionOn(pupil.senProvision, on),
      yearGroup: pupilYearGroupOn(pupil, on) ?? onRoll?.yearGroup ?? 'unknown',
      classIds: onRoll && onRoll.classIds.length > 0 ? onRoll.classIds : pupil.classIds,
      pupil,
    };
  });
  for (const [upn, onRoll] of rollByUpn) {
    if (recorded.has(upn)) continue;
    rows.push({
      status: 'N',
      yearGroup: onRoll.yearGroup ?? 'unknown',
      classIds: onRoll.classIds,
      pupil: undefined,
    });
  }
  return { rows, notOnRoll };
}

function breakdown(rows: readonly Row[]): GroupBreakdown {
  const senSupport = rows.filter((r) => r.status === 'K').length;
  const ehcPlan = rows.filter((r) => r.status === 'E').length;
  return { roll: rows.length, senSupport, ehcPlan, sen: share(senSupport + ehcPlan, rows.length) };
}

function countBy<K extends string>(
  keys: readonly K[],
  values: readonly (K | undefined)[],
  base: number,
): Record<K, Share> {
  return Object.fromEntries(
    keys.map((k) => [k, share(values.filter((v) => v === k).length, base)]),
  ) as Record<K, Share>;
}

/**
 * The register on a given day for governors, SLT and the SENCO: counts and shares by
 * provision, need, broad area, year group, class and flag. `pupils` are the SEND records; `roll` is every
 * pupil on roll (the base of every percentage: E + K + N = 100% of the roll, DfE school census guide, https://www.gov.uk/guidance/complete-the-school-census).
 */
export function registerSummary(input: {
  pupils: readonly Pupil[];
  roll: readonly RollPupil[];
  on: CalendarDate;
}): RegisterSummary {
  const { on } = input;
  const { rows, notOnRoll } = rowsOf(input);
  const sen = rows.flatMap((r) => (r.status !== 'N' && r.pupil ? [r.pupil] : []));
  const primary = sen.map((pupil) => primaryNeedOn(pupil.needs, on));
  const secondary = sen.map((pupil) => secondaryNeedOn(pupil.needs, on));

  const yearGroups = new Map<YearGroup | 'unknown', Row[]>();
  const classes = new Map<string, Row[]>();
  for (const row of rows) {
    yearGroups.set(row.yearGroup, [...(yearGroups.get(row.yearGroup) ?? []), row]);
    for (const classId of row.classIds) classes.set(classId, [...(classes.get(classId) ?? []), row]);
  }

  return {
    on,
    roll: rows.length,
    notOnRoll,
    byStatus: countBy(
      SEN_PROVISION_CODES,
      rows.map((r) => r.status),
      rows.length,
    ),
    senCount: sen.length,
    byPrimaryNeed: countBy(SEN_NEED_CODES, primary, sen.length),
    bySecondaryNeed: countBy(SEN_NEED_CODES, secondary, sen.length),
    byBroadArea: countBy(
      BROAD_AREAS_OF_NEED,
      primary.map((code) => (code ? broadAreaOf(code) : undefined)),
      sen.length,
    ),
    byYearGroup: [...yearGroups.entries()]
      .sort(([a], [b]) => (a === 'unknown' ? 1 : b === 'unknown' ? -1 : compareYearGroups(a, b)))
      .map(([yearGroup, group]) => ({ yearGroup, ...breakdown(group) })),
    byClass: [...classes.entries()]
      .sort(([a], [b]) => a.localeCompare(b, 'en-GB'))
      .map(([classId, group]) => ({ classId, yearGroup: mostCommonYear(group), ...breakdown(group) })),
    byFlag: Object.fromEntries(
      PUPIL_FLAGS.map((flag) => [flag, breakdown(rows.filter((r) => r.pupil?.[flag] === true))]),
    ) as Record<PupilFlag, GroupBreakdown>,
  };
}

/** The year group most of a group's pupils are in (a class's year); ties go to the lower year. */
function mostCommonYear(group: readonly Row[]): YearGroup | 'unknown' {
  const counts = new Map<YearGroup, number>();
  for (const r of group)
    if (r.yearGroup !== 'unknown') counts.set(r.yearGroup, (counts.get(r.yearGroup) ?? 0) + 1);
  const [first] = [...counts.entries()].sort(([a, x], [b, y]) => y - x || compareYearGroups(a, b));
  return first?.[0] ?? 'unknown';
}

export type PupilParentReviewCadence = ParentReviewCadence & {
  readonly pupilId: string;
  readonly pupilName: string;
  /** False when the pupil is at K but has no SEN support plan recorded. */
  readonly hasPlan: boolean;
  /** The academic year before this one, when the plan was open in it: met or missed. */
  readonly lastYear: ParentReviewCadence | null;
};

/**
 * SEN support review cadence for every pupil at K today: parent reviews held this academic year
 * against the school's required number (CoP 6.65: at least three), with last year's final answer. Those
 * who missed last year first, then behind, on track and met.
 */
export function senSupportReviewCadence(input: {
  pupils: readonly Pupil[];
  plans: readonly SenSupportPlan[];
  settings: DomainSettings;
  today: CalendarDate;
}): PupilParentReviewCadence[] {
  const order = { missed: 0, behind: 1, 'on-track': 2, met: 3 } as const;
  const rank = (row: PupilParentReviewCadence) =>
    row.lastYear?.status === 'missed' ? order.missed : order[row.status];
  const emptyPlan = (pupilId: string): SenSupportPlan => ({ id: '', pupilId, cycles: [] });
  return input.pupils
    .filter((pupil) => provisionOn(pupil.senProvision, input.today) === 'K')
    .map((pupil) => {
      const plan = input.plans.find((p) => p.pupilId === pupil.id);
      const byYear = { plan: plan ?? emptyPlan(pupil.id), settings: input.settings, today: input.today };
      return {
        ...planParentReviewCadence(byYear),
        pupilId: pupil.id,
        pupilName: pupilDisplayName(pupil),
        hasPlan: plan !== undefined,
        lastYear: planPastParentReviewYears({ ...byYear, limit: 1 })[0] ?? null,
      };
    })
    .sort((a, b) => rank(a) - rank(b) || a.pupilName.localeCompare(b.pupilName, 'en-GB'));
}
