import { formatCalendarDate, type CalendarDate } from './calendar-date.ts';
import type {
  ApdrCycle,
  Outcome,
  OutcomeProgress,
  ParentMeeting,
  SenSupportPlan,
  SupportLayer,
} from './sen-support-plan.schema.ts';
import { currentCycle } from './sen-support-plan.ts';

/**
 * The changes a SENCO makes to a SEN support plan, as pure functions from the plan as stored to the plan to
 * store, or the problems (each naming its field in plain words) that stop the change. Reviewed cycles are
 * history: they are never changed, only followed by the next cycle.
 */

export type PlanProblem = { readonly field: string; readonly message: string };
export type PlanChange = { ok: true; plan: SenSupportPlan } | { ok: false; problems: PlanProblem[] };

/** The Plan stage as the SENCO writes it with the pupil and the parents. */
export type PlanStage = {
  assessment: string;
  pupilViews?: string | undefined;
  parentViews?: string | undefined;
  outcomes: { description: string; measure?: string | undefined; provision?: string[] | undefined }[];
  reviewOn: CalendarDate;
};

const fail = (field: string, message: string): PlanChange => ({ ok: false, problems: [{ field, message }] });

function planOutcomes(outcomes: PlanStage['outcomes']): Outcome[] {
  return outcomes.map((o) => ({
    description: o.description,
    ...(o.measure ? { measure: o.measure } : {}),
    ...(o.provision && o.provision.length > 0 ? { provision: o.provision } : {}),
  }));
}

function stageFields(stage: PlanStage) {
  return {
    assessment: stage.assessment,
    ...(stage.pupilViews ? { pupilViews: stage.pupilViews } : {}),
    ...(stage.parentViews ? { parentViews: stage.parentViews } : {}),
    outcomes: planOutcomes(stage.outcomes),
    reviewOn: stage.reviewOn,
  };
}

function reviewAfterStart(startedOn: CalendarDate, reviewOn: CalendarDate): PlanProblem[] {
  return reviewOn > startedOn
    ? []
    : [
        {
          field: 'reviewOn',
          message: `Review date must be after the plan starts on ${formatCalendarDate(startedOn)}`,
        },
      ];
}

/** A pupil's first plan: its first cycle, starting `startedOn`. */
export function newSenSupportPlan(input: {
  id: string;
  pupilId: string;
  cycleId: string;
  layer: SupportLayer;
  startedOn: CalendarDate;
  stage: PlanStage;
}): PlanChange {
  const problems = reviewAfterStart(input.startedOn, input.stage.reviewOn);
  if (problems.length > 0) return { ok: false, problems };
  const cycle: ApdrCycle = {
    id: input.cycleId,
    startedOn: input.startedOn,
    ...stageFields(input.stage),
    provision: [],
    parentMeetings: [],
  };
  return { ok: true, plan: { id: input.id, pupilId: input.pupilId, layer: input.layer, cycles: [cycle] } };
}

function replaceCycle(plan: SenSupportPlan, cycle: ApdrCycle): SenSupportPlan {
  return { ...plan, cycles: plan.cycles.map((c) => (c.id === cycle.id ? cycle : c)) };
}

/** The open cycle named `cycleId`, or the problem with it. */
function openCycle(plan: SenSupportPlan, cycleId: string): ApdrCycle | PlanChange {
  const cycle = plan.cycles.find((c) => c.id === cycleId);
  if (!cycle) return fail('cycleId', 'This cycle is not in the plan: reload the plan');
  if (cycle !== currentCycle(plan)) return fail('cycleId', 'Only the current cycle can be changed');
  if (cycle.reviewedOn)
    return fail(
      'cycleId',
      `This cycle was reviewed on ${formatCalendarDate(cycle.reviewedOn)}: it cannot be changed`,
    );
  return cycle;
}
const isCycle = (x: ApdrCycle | PlanChange): x is ApdrCycle => 'startedOn' in x;

/** The Plan stage of the current cycle rewritten (before its review), and the layer of support. */
export function withPlanStage(
  plan: SenSupportPlan,
  input: { cycleId: string; layer: SupportLayer; stage: PlanStage },
): PlanChange {
  const cycle = openCycle(plan, input.cycleId);
  if (!isCycle(cycle)) return cycle;
  const problems = reviewAfterStart(cycle.startedOn, input.stage.reviewOn);
  if (problems.length > 0) return { ok: false, problems };
  // Progress recorded against an outcome stays with it while its words stay the same.
  const before = new Map(cycle.outcomes.map((o) => [o.description, o]));
  const outcomes = planOutcomes(input.stage.outcomes).map((o) => {
    const old = before.get(o.description);
    return {
      ...o,
      ...(old?.achieved ? { achieved: old.achieved } : {}),
      ...(old?.progressNotes ? { progressNotes: old.progressNotes } : {}),
    };
  });
  const next: ApdrCycle = { ...cycle, ...stageFields(input.stage), outcomes };
  if (!input.stage.pupilViews) delete next.pupilViews;
  if (!input.stage.parentViews) delete next.parentViews;
  return { ok: true, plan: { ...replaceCycle(plan, next), layer: input.layer } };
}

/** Where a parent meeting belongs: the latest cycle started on or before its date, else the first. */
function cycleForDate(plan: SenSupportPlan, on: CalendarDate): ApdrCycle | undefined {
  const started = plan.cycles
    .filter((c) => c.startedOn <= on)
    .sort((a, b) => (a.startedOn < b.startedOn ? -1 : 1));
  return started.at(-1) ?? plan.cycles[0];
}

/** A meeting held with the parents (it has happened: not after today). */
export function withParentMeeting(
  plan: SenSupportPlan,
  meeting: ParentMeeting,
  today: CalendarDate,
): PlanChange {
  if (meeting.on > today)
    return fail('on', 'Parent meeting date cannot be after today: record a meeting once it has been held');
  const cycle = cycleForDate(plan, meeting.on);
  if (!cycle) return fail('on', 'The plan has no cycle to add the meeting to');
  const parentMeetings = [...cycle.parentMeetings, meeting].sort((a, b) =>
    a.on < b.on ? -1 : a.on > b.on ? 1 : 0,
  );
  return { ok: true, plan: replaceCycle(plan, { ...cycle, parentMeetings }) };
}

export type ReviewInput = {
  cycleId: string;
  reviewedOn: CalendarDate;
  /** One per outcome of the cycle, in its order. */
  progress: { achieved: OutcomeProgress; progressNotes?: string | undefined }[];
  reviewNotes?: string | undefined;
  /** A parent meeting held as part of the review, on the review date. */
  parentMeeting?: Omit<ParentMeeting, 'on'> | undefined;
  /** The next cycle: outcomes not yet achieved are carried into it, to be revised at its Plan stage. */
  next?: { cycleId: string; reviewOn: CalendarDate } | undefined;
};

/**
 * The Review stage (CoP 6.52-6.54): progress against each outcome, the review date and notes, a parent meeting
 * held at the review, and the next cycle starting on the review date with the outcomes not yet achieved.
 */
export function withReview(plan: SenSupportPlan, input: ReviewInput, today: CalendarDate): PlanChange {
  const cycle = openCycle(plan, input.cycleId);
  if (!isCycle(cycle)) return cycle;
  const problems: PlanProblem[] = [];
  if (input.reviewedOn > today)
    problems.push({ field: 'reviewedOn', message: 'Reviewed date cannot be after today' });
  if (input.reviewedOn < cycle.startedOn)
    problems.push({
      field: 'reviewedOn',
      message: `Reviewed date cannot be before the cycle started on ${formatCalendarDate(cycle.startedOn)}`,
    });
  if (input.progress.length !== cycle.outcomes.length)
    problems.push({
      field: 'progress',
      message: `Record progress for each of the ${cycle.outcomes.length} outcomes`,
    });
  if (input.next && input.next.reviewOn <= input.reviewedOn)
    problems.push({ field: 'next.reviewOn', message: 'Next review date must be after the review' });
  if (problems.length > 0) return { ok: false, problems };

  const outcomes: Outcome[] = cycle.outcomes.map((o, i) => {
    const p = input.progress[i];
    const { progressNotes: _, ...rest } = o;
    return {
      ...rest,
      ...(p ? { achieved: p.achieved } : {}),
      ...(p?.progressNotes ? { progressNotes: p.progressNotes } : {}),
    };
  });
  const reviewed: ApdrCycle = {
    ...cycle,
    outcomes,
    reviewedOn: input.reviewedOn,
    ...(input.reviewNotes ? { reviewNotes: input.reviewNotes } : {}),
    parentMeetings: input.parentMeeting
      ? [...cycle.parentMeetings, { ...input.parentMeeting, on: input.reviewedOn }]
      : cycle.parentMeetings,
  };
  let next = replaceCycle(plan, reviewed);
  if (input.next) {
    const carried = outcomes
      .filter((o) => o.achieved !== 'achieved')
      .map(({ achieved: _a, progressNotes: _p, ...o }) => o);
    next = {
      ...next,
      cycles: [
        ...next.cycles,
        {
          id: input.next.cycleId,
          startedOn: input.reviewedOn,
          assessment: input.reviewNotes ?? `Reviewed on ${formatCalendarDate(input.reviewedOn)}`,
          ...(cycle.pupilViews ? { pupilViews: cycle.pupilViews } : {}),
          ...(cycle.parentViews ? { parentViews: cycle.parentViews } : {}),
          outcomes:
            carried.length > 0
              ? carried
              : [{ description: 'Agree new outcomes with the pupil and the parents' }],
          provision: cycle.provision,
          reviewOn: input.next.reviewOn,
          parentMeetings: [],
        },
      ],
    };
  }
  return { ok: true, plan: next };
}
