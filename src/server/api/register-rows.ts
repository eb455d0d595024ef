import type { RegisterSort } from '../../contract/register.ts';
import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { DomainSettings } from '../../domain/domain-settings.ts';
import { ehcPlanTimeline } from '../../domain/ehc-plan-timeline.ts';
import type { Pupil } from '../../domain/pupil.schema.ts';
import type { RegisterRow } from '../../domain/pupil-views.ts';
import type { ClassRef } from '../../domain/roll.ts';
import { currentCycle } from '../../domain/sen-support-plan.ts';
import { provisionOn } from '../../domain/sen-status.ts';
import { yearGroupNumber } from '../../domain/year-group.ts';
import type { SendRecordsReader } from '../../graph/send-records.ts';
import { capabilitiesOf, pupilAccess } from '../access/access-policy.ts';
import type { Caller } from '../access/caller.ts';
import { classRegisterRow, fullRegisterRow } from '../access/pupil-views.ts';

/**
 * The register's rows, built once and reused: per version of the records (`changeStamp`), per school day, per
 * class list (names) and per access scope. Everything a row holds is decided by those four, so a request only
 * filters and pages over rows already built and sorted. A scope is what the access policy reads of the caller
 * (capabilities, taught pupils, assigned pupils), never just who they are: a teacher's rows are built from a
 * teacher's scope and can never be the SEND team's.
 */

export type { RegisterSort };

/** A row as the caller may see it, with the record it came from (filters only) and its search texts. */
export type ListedPupil = { pupil: Pupil; row: RegisterRow; searchTexts: readonly string[] };

type Scoped = { listed: readonly ListedPupil[]; sorted: Map<RegisterSort, readonly ListedPupil[]> };

/** Scopes kept per version: every class teacher who opened the register today, say. */
const MAX_SCOPES = 200;

export type RegisterRowsCache = {
  /** The rows the caller may see, in the order asked for. */
  rows(input: {
    caller: Caller;
    today: CalendarDate;
    classes: readonly ClassRef[];
    sort: RegisterSort;
  }): readonly ListedPupil[];
};

export function createRegisterRowsCache(
  records: Pick<
    SendRecordsReader,
    'changeStamp' | 'pupils' | 'settings' | 'ehcPlan' | 'senSupportPlan' | 'passport'
  >,
): RegisterRowsCache {
  let base: { stamp: string; today: CalendarDate; classes: readonly ClassRef[] } | undefined;
  let classNames = new Map<string, string>();
  const scopes = new Map<string, Scoped>();

  function build(caller: Caller, today: CalendarDate): Scoped {
    const settings = records.settings().value;
    const listed = records.pupils().flatMap((pupil): ListedPupil[] => {
      const access = pupilAccess(caller, pupil, today);
      if (access === 'none') return [];
      const facts = { pupil, classNames, today };
      const row =
        access === 'full'
          ? fullRegisterRow({ ...facts, ...reviewDates(records, pupil, settings, today) })
          : classRegisterRow(facts);
      // Class staff search what they are shown; the SEND team also by legal name and UPN.
      const texts =
        row.access === 'full'
          ? [row.displayName, `${pupil.legalForename} ${pupil.legalSurname}`, pupil.upn]
          : [row.displayName];
      return [{ pupil, row, searchTexts: texts.map(searchable) }];
    });
    return { listed, sorted: new Map() };
  }

  return {
    rows({ caller, today, classes, sort }) {
      const stamp = records.changeStamp();
      if (!base || base.stamp !== stamp || base.today !== today || base.classes !== classes) {
        base = { stamp, today, classes };
        classNames = new Map(classes.map((c) => [c.id, c.displayName]));
        scopes.clear();
      }
      const key = scopeKey(caller);
      let scoped = scopes.get(key);
      if (scoped) {
        // Most recently used last, so the oldest scope is the one let go.
        scopes.delete(key);
      } else {
        scoped = build(caller, today);
        if (scopes.size >= MAX_SCOPES) scopes.delete(scopes.keys().next().value!);
      }
      scopes.set(key, scoped);
      let sorted = scoped.sorted.get(sort);
      if (!sorted) {
        sorted = sortRows(scoped.listed, sort);
        scoped.sorted.set(sort, sorted);
      }
      return sorted;
    },
  };
}

/**
 * Everything pupilAccess reads of the caller, so two callers with one key see exactly the same rows. The SEND
 * team's rows depend on nothing else; class staff's on whom they teach and are assigned to.
 */
export function scopeKey(caller: Caller): string {
  if (capabilitiesOf(caller).fullRecords) return 'full';
  const sortedOf = (values: Iterable<string>) => [...values].sort().join(',');
  return [
    'class',
    caller.person,
    caller.roles.join(','),
    sortedOf(caller.assignedPupilIds),
    sortedOf(caller.taughtPupilUpns),
  ].join('|');
}

function reviewDates(
  records: Pick<SendRecordsReader, 'ehcPlan' | 'senSupportPlan' | 'passport'>,
  pupil: Pupil,
  settings: DomainSettings,
  today: CalendarDate,
): {
  hasEhcPlan: boolean;
  nextReviewDueOn: CalendarDate | undefined;
  passportReviewDueOn: CalendarDate | undefined;
} {
  const status = provisionOn(pupil.senProvision, today);
  const ehcPlan = records.ehcPlan(pupil.id)?.value;
  const inForce = ehcPlan !== undefined && (ehcPlan.ceasedOn === undefined || ehcPlan.ceasedOn > today);
  const supportPlan = records.senSupportPlan(pupil.id)?.value;
  let nextReviewDueOn: CalendarDate | undefined;
  if (status === 'E' && ehcPlan && inForce) {
    nextReviewDueOn = ehcPlanTimeline({ plan: ehcPlan, pupil, settings, today }).annualReview.reviewDueBy;
  } else if (status === 'K' && supportPlan) {
    nextReviewDueOn = currentCycle(supportPlan)?.reviewOn;
  }
  return {
    hasEhcPlan: inForce,
    nextReviewDueOn,
    passportReviewDueOn: records.passport(pupil.id)?.value.reviewDueOn,
  };
}

/** Lower case without accents, so "zoe" finds Zoë. */
export function searchable(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase('en-GB');
}

const STATUS_ORDER = { E: 0, K: 1, N: 2 } as const;

function sortRows(listed: readonly ListedPupil[], sort: RegisterSort): ListedPupil[] {
  const collator = new Intl.Collator('en-GB');
  const byName = (a: ListedPupil, b: ListedPupil) =>
    collator.compare(a.pupil.legalSurname, b.pupil.legalSurname) ||
    collator.compare(a.row.displayName, b.row.displayName) ||
    a.pupil.id.localeCompare(b.pupil.id);
  const year = ({ row }: ListedPupil) =>
    row.yearGroup === null ? Number.MAX_SAFE_INTEGER : yearGroupNumber(row.yearGroup);
  const due = ({ row }: ListedPupil) => (row.access === 'full' ? row.nextReviewDueOn : null) ?? '9999-12-31';
  const compare: Record<RegisterSort, (a: ListedPupil, b: ListedPupil) => number> = {
    name: byName,
    year: (a, b) => year(a) - year(b) || byName(a, b),
    status: (a, b) => STATUS_ORDER[a.row.senStatus] - STATUS_ORDER[b.row.senStatus] || byName(a, b),
    'review-due': (a, b) => due(a).localeCompare(due(b)) || byName(a, b),
  };
  return [...listed].sort(compare[sort]);
}

/** Answered pages kept per rows array: the tab's pages of one view (five at 5,000 pupils), and a search or two. */
const MAX_PAGES_PER_VIEW = 8;

/**
 * Answers already made for the register's pages, kept beside the rows they came from: while the records, the
 * day, the class list, the scope and the sort are the same (the same rows array), the same query has the same
 * answer, and its JSON and compression are done once. The caller leaves out queries whose answer depends on
 * anything else (a class filter reads the class's roster from the directory).
 */
export function createPageMemo<A>() {
  const memo = new WeakMap<readonly ListedPupil[], Map<string, A>>();
  return {
    answer(rows: readonly ListedPupil[], query: Record<string, unknown>, make: () => A): A {
      const key = JSON.stringify(Object.entries(query).sort(([a], [b]) => a.localeCompare(b)));
      let pages = memo.get(rows);
      if (!pages) memo.set(rows, (pages = new Map<string, A>()));
      let answer = pages.get(key);
      if (answer !== undefined) {
        pages.delete(key); // most recently used last
      } else {
        answer = make();
        if (pages.size >= MAX_PAGES_PER_VIEW) pages.delete(pages.keys().next().value!);
      }
      pages.set(key, answer);
      return answer;
    },
  };
}
