import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { Intervention, InterventionPupil } from '../../domain/intervention.schema.ts';
import {
  costByAreaOfNeed,
  interventionCostLine,
  interventionImpact,
  roundToPence,
} from '../../domain/provision-analytics.ts';
import type {
  DeliveredIntervention,
  FullIntervention,
  ProvisionSummary,
} from '../../domain/provision-views.ts';
import type { Versioned } from '../../graph/send-records.ts';

/**
 * The provision map as each role sees it. The SEND team: everything, with costs and impact. Staff who deliver
 * an intervention: its timetable and its pupils' names, to run and record sessions; no scores, no costs.
 * The headteacher: costs and impact per intervention and by area of need, with no pupil in them.
 * The shapes are in src/domain/provision-views.ts, shared with the tab.
 */

export function deliveredIntervention(
  intervention: Intervention,
  pupilName: (pupilId: string) => string | undefined,
): DeliveredIntervention {
  return {
    access: 'delivers',
    id: intervention.id,
    name: intervention.name,
    areaOfNeed: intervention.areaOfNeed,
    delivery: intervention.delivery,
    sessionsPerWeek: intervention.sessionsPerWeek,
    minutesPerSession: intervention.minutesPerSession,
    startOn: intervention.startOn,
    endOn: intervention.endOn ?? null,
    measureName: intervention.measure?.name ?? null,
    pupils: intervention.pupils.map((p: InterventionPupil) => ({
      pupilId: p.pupilId,
      displayName: pupilName(p.pupilId) ?? 'Pupil no longer on roll',
      joinedOn: p.joinedOn ?? null,
      leftOn: p.leftOn ?? null,
    })),
  };
}

export function fullIntervention(input: {
  versioned: Versioned<Intervention>;
  pupilName: (pupilId: string) => string | undefined;
  pupilETag: (pupilId: string) => string | undefined;
  asOf: CalendarDate;
}): FullIntervention {
  const { versioned, pupilName, asOf } = input;
  const intervention = versioned.value;
  return {
    ...intervention,
    access: 'full',
    eTag: versioned.eTag,
    pupilETags: Object.fromEntries(
      intervention.pupils.flatMap((p) => {
        const eTag = input.pupilETag(p.pupilId);
        return eTag === undefined ? [] : [[p.pupilId, eTag]];
      }),
    ),
    pupilNames: Object.fromEntries(
      intervention.pupils.map((p) => [p.pupilId, pupilName(p.pupilId) ?? 'Pupil no longer on roll']),
    ),
    costLine: interventionCostLine(intervention, asOf),
    impact: interventionImpact(intervention, asOf),
  };
}

/** Costs and impact with no pupil in them: what the headteacher sees of the provision map. */
export function provisionSummary(
  interventions: readonly Intervention[],
  asOf: CalendarDate,
  notionalSenBudget: number | undefined,
): ProvisionSummary {
  const lines = interventions.map((intervention) => {
    const cost = interventionCostLine(intervention, asOf);
    const impact = interventionImpact(intervention, asOf);
    return {
      id: intervention.id,
      name: intervention.name,
      areaOfNeed: intervention.areaOfNeed,
      pupilCount: intervention.pupils.length,
      cost: cost.cost,
      costPerPupil: cost.costPerPupil ?? null,
      measured: impact.measured,
      improved: impact.improved,
      improvedPercent: impact.improvedPercent ?? null,
      attendancePercent: impact.attendancePercent ?? null,
    };
  });
  return {
    asOf,
    totalCost: roundToPence(lines.reduce((sum, line) => sum + line.cost, 0)),
    notionalSenBudget: notionalSenBudget ?? null,
    byAreaOfNeed: costByAreaOfNeed(interventions, asOf),
    interventions: lines,
  };
}
