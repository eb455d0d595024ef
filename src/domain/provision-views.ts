import type { CalendarDate } from './calendar-date.ts';
import type { Intervention } from './intervention.schema.ts';
import type { BroadAreaOfNeed } from './needs.ts';
import type { InterventionCostLine, InterventionImpact } from './provision-analytics.ts';

/**
 * What the API sends of the provision map to each role: the one definition the server builds to
 * (src/server/access/intervention-views.ts) and the tab reads. Types only: JSON shapes.
 */

/** What staff who deliver an intervention see: its timetable and pupils' names, to run and record sessions. */
export type DeliveredIntervention = {
  access: 'delivers';
  id: string;
  name: string;
  areaOfNeed: BroadAreaOfNeed;
  delivery: Intervention['delivery'];
  sessionsPerWeek: number;
  minutesPerSession: number;
  startOn: CalendarDate;
  endOn: CalendarDate | null;
  measureName: string | null;
  pupils: {
    pupilId: string;
    displayName: string;
    joinedOn: CalendarDate | null;
    leftOn: CalendarDate | null;
  }[];
};

/** The whole intervention with costs and impact: the SENCO's and the SEND team's view. */
export type FullIntervention = Intervention & {
  access: 'full';
  eTag: string;
  /**
   * The version of each pupil's place in the intervention (their measures and leaving date), by pupil id:
   * what a change to that pupil's measures quotes. `eTag` does not change when measures do.
   */
  pupilETags: Record<string, string>;
  pupilNames: Record<string, string>;
  costLine: InterventionCostLine;
  impact: InterventionImpact;
  /** Notes staff left when recording sessions, newest first: for the SENCO and the SEND team only. */
  sessionNotes?: SessionNote[];
};

/** A note left with a recorded session: the day, who ran it, what they said. */
export type SessionNote = {
  date: CalendarDate;
  /** The session's number within the day, when not the first. */
  sessionNumber?: number;
  recordedBy: string;
  note: string;
};

export type InterventionView = FullIntervention | DeliveredIntervention;

/** GET /api/provision/summary: costs and impact with no pupil in them (SEND team and headteacher). */
export type ProvisionSummary = {
  asOf: CalendarDate;
  totalCost: number;
  /** The school's notional SEN budget for the financial year, in pounds; null until the SENCO records it. */
  notionalSenBudget: number | null;
  byAreaOfNeed: Record<BroadAreaOfNeed, number>;
  interventions: {
    id: string;
    name: string;
    areaOfNeed: BroadAreaOfNeed;
    pupilCount: number;
    cost: number;
    costPerPupil: number | null;
    measured: number;
    improved: number;
    improvedPercent: number | null;
    attendancePercent: number | null;
  }[];
};
