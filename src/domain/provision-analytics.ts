import { daysBetween, type CalendarDate } from './calendar-date.ts';
import type { DomainSettings } from './domain-settings.ts';
import type { Intervention } from './intervention.schema.ts';
import { BROAD_AREAS_OF_NEED, type BroadAreaOfNeed } from './needs.ts';
import { percentOf } from './register-analytics.ts';
import { HIGH_NEEDS_THRESHOLD_PER_PUPIL_GBP, RULES, type Rule } from './statutory-rules.ts';

/** Money in pounds, rounded to the penny. */
export function roundToPence(pounds: number): number {
  return Math.round(pounds * 100) / 100;
}

/**
 * Weeks of delivery up to `asOf`: the intervention's own deliveryWeeks when set (to leave out holidays),
 * otherwise calendar weeks from start to end (or to `asOf` if earlier), a part week counting as one.
 * Pass the end of the year as `asOf` for the planned total.
 */
export function deliveryWeeksOf(intervention: Intervention, asOf: CalendarDate): number {
  if (intervention.deliveryWeeks !== undefined) return intervention.deliveryWeeks;
  const end = intervention.endOn !== undefined && intervention.endOn < asOf ? intervention.endOn : asOf;
  if (end < intervention.startOn) return 0;
  return Math.ceil((daysBetween(intervention.startOn, end) + 1) / 7);
}

/** Staff hours: one set of sessions for a group, one per pupil for individual delivery. */
export function interventionHours(intervention: Intervention, asOf: CalendarDate): number {
  const perSet =
    (intervention.sessionsPerWeek * intervention.minutesPerSession * deliveryWeeksOf(intervention, asOf)) /
    60;
  return intervention.delivery === 'individual' ? perSet * intervention.pupils.length : perSet;
}

/** Sessions delivered by `asOf`: one set for a group, one per pupil for individual delivery. */
export function interventionSessionsDelivered(intervention: Intervention, asOf: CalendarDate): number {
  const perSet = intervention.sessionsPerWeek * deliveryWeeksOf(intervention, asOf);
  return intervention.delivery === 'individual' ? perSet * intervention.pupils.length : perSet;
}

/**
 * Delivery at the cost per session when the school costs it that way, otherwise staff time at the hourly
 * cost; plus resources (once it has started), to the penny.
 */
export function interventionCost(intervention: Intervention, asOf: CalendarDate): number {
  if (asOf < intervention.startOn) return 0;
  const delivery =
    intervention.costPerSession !== undefined
      ? interventionSessionsDelivered(intervention, asOf) * intervention.costPerSession
      : interventionHours(intervention, asOf) * intervention.costPerHour;
  return roundToPence(delivery + intervention.resourceCost);
}

export type InterventionCostLine = {
  readonly interventionId: string;
  readonly name: string;
  readonly areaOfNeed: BroadAreaOfNeed;
  readonly pupils: number;
  readonly hours: number;
  readonly cost: number;
  /** Undefined with no pupils. */
  readonly costPerPupil?: number;
  /** Sessions offered and attended, summed over the pupils with recorded attendance. */
  readonly sessionsOffered?: number;
  readonly sessionsAttended?: number;
  /** The cost over the sessions pupils actually attended: what each attended place cost. */
  readonly costPerSessionAttended?: number;
};

export function interventionCostLine(intervention: Intervention, asOf: CalendarDate): InterventionCostLine {
  const cost = interventionCost(intervention, asOf);
  const pupils = intervention.pupils.length;
  const { attended, offered } = attendanceTotals(intervention);
  return {
    interventionId: intervention.id,
    name: intervention.name,
    areaOfNeed: intervention.areaOfNeed,
    pupils,
    hours: Math.round(interventionHours(intervention, asOf) * 100) / 100,
    cost,
    ...(pupils > 0 ? { costPerPupil: roundToPence(cost / pupils) } : {}),
    ...(offered > 0 ? { sessionsOffered: offered, sessionsAttended: attended } : {}),
    ...(attended > 0 ? { costPerSessionAttended: roundToPence(cost / attended) } : {}),
  };
}

/** Attended and offered sessions summed over the pupils with an offered count. */
function attendanceTotals(intervention: Intervention): { attended: number; offered: number } {
  const withAttendance = intervention.pupils.filter(
    (p) => p.sessionsAttended !== undefined && (p.sessionsOffered ?? 0) > 0,
  );
  return {
    attended: withAttendance.reduce((sum, p) => sum + (p.sessionsAttended ?? 0), 0),
    offered: withAttendance.reduce((sum, p) => sum + (p.sessionsOffered ?? 0), 0),
  };
}

/** Each pupil's share of every intervention they are in (equal shares), summed. */
export function costByPupil(
  interventions: readonly Intervention[],
  asOf: CalendarDate,
): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const intervention of interventions) {
    if (intervention.pupils.length === 0) continue;
    const each = interventionCost(intervention, asOf) / intervention.pupils.length;
    for (const { pupilId } of intervention.pupils) totals[pupilId] = (totals[pupilId] ?? 0) + each;
  }
  return Object.fromEntries(Object.entries(totals).map(([id, total]) => [id, roundToPence(total)]));
}

export function costByAreaOfNeed(
  interventions: readonly Intervention[],
  asOf: CalendarDate,
): Record<BroadAreaOfNeed, number> {
  const totals = Object.fromEntries(BROAD_AREAS_OF_NEED.map((area) => [area, 0])) as Record<
    BroadAreaOfNeed,
    number
  >;
  for (const intervention of interventions)
    totals[intervention.areaOfNeed] += interventionCost(intervention, asOf);
  return Object.fromEntries(BROAD_AREAS_OF_NEED.map((area) => [area, roundToPence(totals[area])])) as Record<
    BroadAreaOfNeed,
    number
  >;
}

export type InterventionImpact = {
  readonly interventionId: string;
  /** Pupils with both an entry and an exit measure. */
  readonly measured: number;
  readonly improved: number;
  /** Mean change in the direction of improvement (positive = better), to 2 decimal places. */
  readonly meanChange?: number;
  /** Share of measured pupils who improved, as a percentage. */
  readonly improvedPercent?: number;
  readonly costPerPupilImproved?: number;
  /** Sessions attended as a percentage of sessions offered, across pupils with both recorded. */
  readonly attendancePercent?: number;
};

/** Impact from entry and exit measures: mean change, proportion improved, cost per pupil improved. */
export function interventionImpact(intervention: Intervention, asOf: CalendarDate): InterventionImpact {
  const direction = intervention.measure?.higherIsBetter === false ? -1 : 1;
  const changes = intervention.pupils.flatMap((p) =>
    p.entryMeasure !== undefined && p.exitMeasure !== undefined
      ? [(p.exitMeasure - p.entryMeasure) * direction]
      : [],
  );
  const improved = changes.filter((c) => c > 0).length;
  const { attended, offered } = attendanceTotals(intervention);
  return {
    interventionId: intervention.id,
    measured: changes.length,
    improved,
    ...(changes.length > 0
      ? {
          meanChange: Math.round((changes.reduce((a, b) => a + b, 0) / changes.length) * 100) / 100,
          improvedPercent: percentOf(improved, changes.length),
        }
      : {}),
    ...(improved > 0
      ? { costPerPupilImproved: roundToPence(interventionCost(intervention, asOf) / improved) }
      : {}),
    ...(offered > 0 ? { attendancePercent: percentOf(attended, offered) } : {}),
  };
}

export type PupilCost = { readonly pupilId: string; readonly cost: number };

export type BudgetComparison = {
  readonly asOf: CalendarDate;
  readonly notionalSenBudget: number;
  readonly totalCost: number;
  /** Negative when overspent. */
  readonly remaining: number;
  readonly percentUsed: number;
  readonly threshold: number;
  readonly thresholdRule: Rule;
  /** Pupils whose additional provision exceeds £6,000: candidates for top-up funding. */
  readonly pupilsOverThreshold: readonly PupilCost[];
  /** Pupils from the warning percentage up to £6,000. */
  readonly pupilsNearThreshold: readonly PupilCost[];
};

/**
 * Provision costs against the notional SEN budget, and each pupil's additional provision against the
 * £6,000 a pupil the school is expected to meet before LA top-up (DfE high needs funding operational guide).
 */
export function budgetComparison(input: {
  interventions: readonly Intervention[];
  notionalSenBudget: number;
  settings: DomainSettings;
  asOf: CalendarDate;
}): BudgetComparison {
  const { interventions, notionalSenBudget, settings, asOf } = input;
  const totalCost = roundToPence(interventions.reduce((sum, i) => sum + interventionCost(i, asOf), 0));
  const perPupil = Object.entries(costByPupil(interventions, asOf))
    .map(([pupilId, cost]) => ({ pupilId, cost }))
    .sort((a, b) => b.cost - a.cost);
  const nearFrom = (HIGH_NEEDS_THRESHOLD_PER_PUPIL_GBP * settings.thresholdWarningPercent) / 100;
  return {
    asOf,
    notionalSenBudget,
    totalCost,
    remaining: roundToPence(notionalSenBudget - totalCost),
    percentUsed: percentOf(totalCost, notionalSenBudget),
    threshold: HIGH_NEEDS_THRESHOLD_PER_PUPIL_GBP,
    thresholdRule: RULES.highNeedsThreshold,
    pupilsOverThreshold: perPupil.filter((p) => p.cost > HIGH_NEEDS_THRESHOLD_PER_PUPIL_GBP),
    pupilsNearThreshold: perPupil.filter(
      (p) => p.cost >= nearFrom && p.cost <= HIGH_NEEDS_THRESHOLD_PER_PUPIL_GBP,
    ),
  };
}
