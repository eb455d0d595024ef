import { formatCalendarDate, isBefore, type CalendarDate } from './calendar-date.ts';

/**
 * SEN provision as the school census records it: N (no SEN), K (SEN support), E (EHC plan). Legacy
 * codes S (statement), A and P (School Action / Action Plus) are kept only as history and may never be
 * open now. Source: DfE school census guide, https://www.gov.uk/guidance/complete-the-school-census.
 */
export const SEN_PROVISION_CODES = ['N', 'K', 'E'] as const;
export const LEGACY_SEN_PROVISION_CODES = ['S', 'A', 'P'] as const;

export type SenProvisionCode = (typeof SEN_PROVISION_CODES)[number];
export type LegacySenProvisionCode = (typeof LEGACY_SEN_PROVISION_CODES)[number];
export type AnySenProvisionCode = SenProvisionCode | LegacySenProvisionCode;

export const SEN_PROVISION_LABELS: Record<AnySenProvisionCode, string> = {
  N: 'No special educational need',
  K: 'SEN support',
  E: 'Education, health and care plan',
  S: 'Statement of SEN (legacy)',
  A: 'School Action (legacy)',
  P: 'School Action Plus (legacy)',
};

/**
 * One dated provision. `endOn` is the day the provision stopped applying (the next one normally starts
 * that same day), so a period covers startOn up to but not including endOn. Open when endOn is absent.
 */
export type SenProvisionPeriod = {
  readonly code: AnySenProvisionCode;
  readonly startOn: CalendarDate;
  readonly endOn?: CalendarDate;
};

export function isLegacyProvisionCode(code: AnySenProvisionCode): code is LegacySenProvisionCode {
  return (LEGACY_SEN_PROVISION_CODES as readonly string[]).includes(code);
}

/** Legacy codes read as their 2014 successors for counting: statements became EHC plans, A/P became K. */
export function currentEquivalent(code: AnySenProvisionCode): SenProvisionCode {
  if (code === 'S') return 'E';
  if (code === 'A' || code === 'P') return 'K';
  return code;
}

export function isOpenOn(
  period: { startOn: CalendarDate; endOn?: CalendarDate | undefined },
  date: CalendarDate,
): boolean {
  return period.startOn <= date && (period.endOn === undefined || date < period.endOn);
}

export function periodsOpenOn(
  history: readonly SenProvisionPeriod[],
  date: CalendarDate,
): SenProvisionPeriod[] {
  return history.filter((p) => isOpenOn(p, date));
}

/**
 * The census provision on `date`: N when nothing is open. If the history wrongly has two periods open
 * the later-starting one wins (the census check reports the clash).
 */
export function provisionOn(history: readonly SenProvisionPeriod[], date: CalendarDate): SenProvisionCode {
  const open = periodsOpenOn(history, date).sort((a, b) => (a.startOn < b.startOn ? -1 : 1));
  const latest = open.at(-1);
  return latest ? currentEquivalent(latest.code) : 'N';
}

/** Periods with no end date. */
export function openPeriods(history: readonly SenProvisionPeriod[]): SenProvisionPeriod[] {
  return history.filter((p) => p.endOn === undefined);
}

export type ProvisionProblemCode =
  'provision-ends-before-start' | 'legacy-provision-open' | 'two-open-provisions' | 'overlapping-provisions';

export type ProvisionProblem = { readonly code: ProvisionProblemCode; readonly message: string };

/** Problems that break "one provision open at a time", in a SENCO's words. */
export function provisionHistoryProblems(history: readonly SenProvisionPeriod[]): ProvisionProblem[] {
  const problems: ProvisionProblem[] = [];
  const add = (code: ProvisionProblemCode, message: string) => problems.push({ code, message });
  for (const p of history) {
    if (p.endOn !== undefined && !isBefore(p.startOn, p.endOn)) {
      add(
        'provision-ends-before-start',
        `SEN provision ${p.code} from ${formatCalendarDate(p.startOn)} ends on or before it starts`,
      );
    }
    if (p.endOn === undefined && isLegacyProvisionCode(p.code)) {
      add(
        'legacy-provision-open',
        `Legacy SEN provision ${p.code} (${SEN_PROVISION_LABELS[p.code]}) is still open: close it and record N, K or E`,
      );
    }
  }
  const open = openPeriods(history);
  if (open.length > 1) {
    add(
      'two-open-provisions',
      `${open.length} SEN provisions are open at once (${open.map((p) => p.code).join(', ')}): only one may be open`,
    );
  }
  const sorted = [...history].sort((a, b) => (a.startOn < b.startOn ? -1 : a.startOn > b.startOn ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1];
    const current = sorted[i];
    if (!previous || !current) continue;
    // Two open periods are reported once, above.
    if (previous.endOn === undefined && current.endOn === undefined) continue;
    if (previous.endOn === undefined || isBefore(current.startOn, previous.endOn)) {
      add(
        'overlapping-provisions',
        `SEN provision ${current.code} from ${formatCalendarDate(current.startOn)} overlaps ${previous.code} from ${formatCalendarDate(previous.startOn)}`,
      );
    }
  }
  return problems;
}

/**
 * Records a change of provision on `on`: closes the open period (ending that day) and opens the new one.
 * Throws if the change predates the open period or does not change anything.
 */
export function changeProvision(
  history: readonly SenProvisionPeriod[],
  change: { code: SenProvisionCode; on: CalendarDate },
): SenProvisionPeriod[] {
  const open = openPeriods(history);
  if (open.length > 1)
    throw new Error('The provision history has more than one open period; correct it first');
  const current = open[0];
  if (current && current.code === change.code) {
    throw new Error(`The pupil is already recorded as ${change.code}`);
  }
  if (current && !isBefore(current.startOn, change.on)) {
    throw new Error(
      `A change on ${formatCalendarDate(change.on)} must come after the current provision started (${formatCalendarDate(current.startOn)})`,
    );
  }
  const closed = history.map((p) => (p === current ? { ...p, endOn: change.on } : p));
  return [...closed, { code: change.code, startOn: change.on }];
}
