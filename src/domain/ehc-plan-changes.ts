import { appealDeadline } from './appeal-window.ts';
import type { BankHolidays } from './working-days.ts';
import { addDays, formatCalendarDate, isAfter, isBefore, type CalendarDate } from './calendar-date.ts';
import {
  ehcPlanSchema,
  type CeaseDecision,
  type EhcOutcome,
  type EhcPlan,
  type EhcPlanChangeKind,
  type EhcPlanOrigin,
  type EhcProvision,
} from './ehc-plan.schema.ts';

/**
 * An EHC plan as the SENCO records it: the plan the LA issued (from a needs assessment, or one the pupil
 * already had), its amendments, a new plan after a re-assessment, the LA's decision to cease it and the day
 * it ends. Each change is dated, kept in the plan's `changes` and refused with problems naming the field.
 *
 * Ceasing: the LA may cease to maintain a plan only if it is no longer responsible or the plan is no longer
 * necessary (Children and Families Act 2014, s 45(1), https://www.legislation.gov.uk/ukpga/2014/6/section/45),
 * after consulting and then notifying its decision (SEND Regulations 2014, reg 31,
 * https://www.legislation.gov.uk/uksi/2014/1530/regulation/31); where an appeal can be brought it must keep
 * maintaining the plan until the time for appealing has passed or the appeal is decided (s 45(4)-(5);
 * Explanatory Notes para 247, https://www.legislation.gov.uk/ukpga/2014/6/notes/division/4/3/11/9).
 */

/** The parts of the plan the SENCO writes: sections E, F and I, the LA and its plan co-ordinator. */
export type EhcPlanDetails = {
  localAuthority: string;
  coordinator: { name: string; email?: string | undefined };
  outcomes: EhcOutcome[];
  provision: EhcProvision[];
  placement?: string | undefined;
};

export type PlanChangeContext = {
  today: CalendarDate;
  now: Date;
  by: string;
  /** English bank holidays: an appeal period ending on one runs on (Tribunal Rules 2008 r 12). */
  bankHolidays?: BankHolidays | undefined;
};

export type PlanProblem = { field: string; message: string };
export type PlanChangeResult = { ok: true; plan: EhcPlan } | { ok: false; problems: PlanProblem[] };

const notInFuture = (field: string, label: string, on: CalendarDate, today: CalendarDate) =>
  isAfter(on, today) ? [{ field, message: `${label} cannot be in the future` }] : [];

function withChange(
  plan: Omit<EhcPlan, 'changes'> & { changes: EhcPlan['changes'] },
  change: { kind: EhcPlanChangeKind; on: CalendarDate; summary?: string | undefined },
  context: PlanChangeContext,
): PlanChangeResult {
  const next = {
    ...plan,
    changes: [
      ...plan.changes,
      {
        kind: change.kind,
        on: change.on,
        recordedAt: context.now.toISOString(),
        recordedBy: context.by,
        ...(change.summary ? { summary: change.summary } : {}),
      },
    ],
  };
  const parsed = ehcPlanSchema.safeParse(next);
  if (parsed.success) return { ok: true, plan: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message })),
  };
}

const ceasedProblem = (plan: EhcPlan, field: string): PlanProblem[] =>
  plan.ceasedOn
    ? [
        {
          field,
          message: `The plan ended on ${formatCalendarDate(plan.ceasedOn)}: record a new plan instead`,
        },
      ]
    : [];

/** A plan the LA has issued, recorded for a pupil who has none (or whose last plan has ended). */
export function recordEhcPlan(
  input: {
    id: string;
    pupilId: string;
    details: EhcPlanDetails;
    issuedOn: CalendarDate;
    origin: EhcPlanOrigin;
    lastAssessedOn?: CalendarDate | undefined;
  },
  context: PlanChangeContext,
): PlanChangeResult {
  const problems = notInFuture('issuedOn', 'Issue date', input.issuedOn, context.today);
  if (input.origin === 'needs-assessment' && !input.lastAssessedOn) {
    problems.push({
      field: 'lastAssessedOn',
      message: 'Assessment date is required for a plan from a needs assessment',
    });
  }
  if (input.lastAssessedOn && isAfter(input.lastAssessedOn, input.issuedOn)) {
    problems.push({ field: 'lastAssessedOn', message: 'Assessment date cannot be after the issue date' });
  }
  if (problems.length > 0) return { ok: false, problems };
  return withChange(
    {
      id: input.id,
      pupilId: input.pupilId,
      ...details(input.details),
      issuedOn: input.issuedOn,
      origin: input.origin,
      ...(input.lastAssessedOn ? { lastAssessedOn: input.lastAssessedOn } : {}),
      reviews: [],
      reassessments: [],
      changes: [],
    },
    { kind: 'recorded', on: input.issuedOn },
    context,
  );
}

/**
 * The LA's amendments to the plan (after a review, reg 22, or at another time): the plan's contents change
 * from `amendedOn`; the review clock does not (it runs from the issue date and each review, s 44(1)).
 */
export function amendEhcPlan(
  plan: EhcPlan,
  input: { details: EhcPlanDetails; amendedOn: CalendarDate; summary?: string | undefined },
  context: PlanChangeContext,
): PlanChangeResult {
  const problems = [
    ...ceasedProblem(plan, 'amendedOn'),
    ...notInFuture('amendedOn', 'Amendment date', input.amendedOn, context.today),
  ];
  if (isBefore(input.amendedOn, plan.issuedOn)) {
    problems.push({
      field: 'amendedOn',
      message: `Amendment date cannot be before the plan was issued (${formatCalendarDate(plan.issuedOn)})`,
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  return withChange(
    { ...withoutPlacement(plan), ...details(input.details) },
    { kind: 'amended', on: input.amendedOn, summary: input.summary },
    context,
  );
}

/**
 * A new plan issued after a re-assessment (s 44(2)): its date becomes the plan's issue date, so the 12
 * months to the next review start again from it; the earlier issue date stays in the plan's changes.
 */
export function reissueEhcPlan(
  plan: EhcPlan,
  input: { details: EhcPlanDetails; issuedOn: CalendarDate; summary?: string | undefined },
  context: PlanChangeContext,
): PlanChangeResult {
  const problems = [
    ...ceasedProblem(plan, 'issuedOn'),
    ...notInFuture('issuedOn', 'Re-issue date', input.issuedOn, context.today),
  ];
  if (!isAfter(input.issuedOn, plan.issuedOn)) {
    problems.push({
      field: 'issuedOn',
      message: `Re-issue date must be after the current plan’s issue date (${formatCalendarDate(plan.issuedOn)})`,
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  return withChange(
    {
      ...withoutPlacement(plan),
      ...details(input.details),
      issuedOn: input.issuedOn,
      lastAssessedOn: input.issuedOn,
    },
    {
      kind: 're-issued',
      on: input.issuedOn,
      summary: input.summary ?? `Previously issued ${formatCalendarDate(plan.issuedOn)}`,
    },
    context,
  );
}

/**
 * The day from which a plan the LA has decided to cease may end: the day after the last day to appeal
 * (appeal-window.ts); while an appeal is lodged and undecided, none; once it is decided, that day.
 */
export function mayCeaseFrom(decision: CeaseDecision, bankHolidays?: BankHolidays): CalendarDate | undefined {
  if (decision.appealLodgedOn) return decision.appealDeterminedOn;
  const lastDayToAppeal = appealDeadline({
    decisionOn: decision.notifiedOn,
    mediationCertificateOn: decision.mediationCertificateOn,
    bankHolidays,
  });
  return addDays(lastDayToAppeal, 1);
}

/** The LA's decision to cease the plan, recorded or corrected (an appeal lodged or decided). */
export function recordCeaseDecision(
  plan: EhcPlan,
  decision: CeaseDecision,
  context: PlanChangeContext,
): PlanChangeResult {
  const problems = [
    ...ceasedProblem(plan, 'notifiedOn'),
    ...notInFuture('notifiedOn', 'Cease decision date', decision.notifiedOn, context.today),
  ];
  if (isBefore(decision.notifiedOn, plan.issuedOn)) {
    problems.push({
      field: 'notifiedOn',
      message: 'Cease decision date cannot be before the plan was issued',
    });
  }
  const after = (
    field: keyof CeaseDecision,
    label: string,
    earlier: CalendarDate | undefined,
    what: string,
  ) => {
    const on = decision[field];
    if (typeof on === 'string' && earlier && isBefore(on as CalendarDate, earlier))
      problems.push({ field, message: `${label} cannot be before ${what}` });
  };
  after('mediationCertificateOn', 'Mediation certificate date', decision.notifiedOn, 'the decision');
  after('appealLodgedOn', 'Appeal lodged date', decision.notifiedOn, 'the decision');
  after('appealDeterminedOn', 'Appeal decided date', decision.appealLodgedOn, 'the appeal was lodged');
  if (decision.appealDeterminedOn && !decision.appealLodgedOn) {
    problems.push({
      field: 'appealDeterminedOn',
      message: 'Appeal decided date needs the date it was lodged',
    });
  }
  for (const field of ['mediationCertificateOn', 'appealLodgedOn', 'appealDeterminedOn'] as const) {
    const on = decision[field];
    if (on) problems.push(...notInFuture(field, 'That date', on, context.today));
  }
  if (problems.length > 0) return { ok: false, problems };
  const first = !plan.ceaseDecision;
  return withChange(
    { ...plan, ceaseDecision: decision },
    {
      kind: 'cease-decision',
      on: decision.notifiedOn,
      summary: first ? 'The LA decided to cease to maintain the plan' : 'Cease decision updated (appeal)',
    },
    context,
  );
}

/** The decision to cease withdrawn (the LA changed its mind, or the Tribunal allowed the appeal). */
export function withdrawCeaseDecision(
  plan: EhcPlan,
  input: { withdrawnOn: CalendarDate; summary?: string | undefined },
  context: PlanChangeContext,
): PlanChangeResult {
  const problems = [
    ...ceasedProblem(plan, 'withdrawnOn'),
    ...notInFuture('withdrawnOn', 'Withdrawal date', input.withdrawnOn, context.today),
  ];
  if (!plan.ceaseDecision) problems.push({ field: 'withdrawnOn', message: 'There is no decision to cease' });
  else if (isBefore(input.withdrawnOn, plan.ceaseDecision.notifiedOn))
    problems.push({ field: 'withdrawnOn', message: 'Withdrawal date cannot be before the decision' });
  if (problems.length > 0) return { ok: false, problems };
  const { ceaseDecision: _withdrawn, ...rest } = plan;
  return withChange(
    rest,
    { kind: 'cease-decision-withdrawn', on: input.withdrawnOn, summary: input.summary },
    context,
  );
}

/** The plan ends: only after a recorded decision to cease, and not before the appeal period has run. */
export function ceaseEhcPlan(
  plan: EhcPlan,
  input: { ceasedOn: CalendarDate },
  context: PlanChangeContext,
): PlanChangeResult {
  const problems = [
    ...ceasedProblem(plan, 'ceasedOn'),
    ...notInFuture('ceasedOn', 'End date', input.ceasedOn, context.today),
  ];
  const decision = plan.ceaseDecision;
  if (!decision) {
    problems.push({ field: 'ceasedOn', message: 'Record the LA’s decision to cease the plan first' });
  } else {
    const from = mayCeaseFrom(decision, context.bankHolidays);
    if (!from) {
      problems.push({
        field: 'ceasedOn',
        message:
          'An appeal against the decision is waiting for the Tribunal: the plan must be kept until it is decided',
      });
    } else if (isBefore(input.ceasedOn, from)) {
      problems.push({
        field: 'ceasedOn',
        message: `End date cannot be before ${formatCalendarDate(from)}: the plan must be kept until the time to appeal has passed`,
      });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return withChange({ ...plan, ceasedOn: input.ceasedOn }, { kind: 'ceased', on: input.ceasedOn }, context);
}

function details(input: EhcPlanDetails): Omit<EhcPlanDetails, 'placement'> & { placement?: string } {
  const { placement, coordinator, ...rest } = input;
  return {
    ...rest,
    coordinator: { name: coordinator.name, ...(coordinator.email ? { email: coordinator.email } : {}) },
    ...(placement ? { placement } : {}),
  };
}

function withoutPlacement(plan: EhcPlan): Omit<EhcPlan, 'placement'> {
  const { placement: _placement, ...rest } = plan;
  return rest;
}
