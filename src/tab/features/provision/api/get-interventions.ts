import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CalendarDate } from '../../../../domain/calendar-date.ts';
import type { Intervention } from '../../../../domain/intervention.schema.ts';
import type { BroadAreaOfNeed } from '../../../../domain/needs.ts';
import type { InterventionCostLine, InterventionImpact } from '../../../../domain/provision-analytics.ts';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';

/** The whole intervention with costs and impact: the SENCO's and the SEND team's view. */
export type FullIntervention = Intervention & {
  access: 'full';
  eTag: string;
  /** The version of each pupil's place (measures, leaving date), by pupil id: what a change of measures quotes. */
  pupilETags: Record<string, string>;
  pupilNames: Record<string, string>;
  costLine: InterventionCostLine;
  impact: InterventionImpact;
};

/** What staff who deliver an intervention see: its timetable and pupils, to run and record sessions. */
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

export type InterventionView = FullIntervention | DeliveredIntervention;

/** GET /api/interventions: the provision map for the SEND team; the interventions they deliver for others. */
export const interventionsKey = ['provision', 'interventions'] as const;

export function interventionsQuery(api: ApiClient) {
  return queryOptions({
    queryKey: interventionsKey,
    queryFn: () => api.get<{ interventions: InterventionView[] }>('/api/interventions'),
  });
}

export function useInterventions(options?: { enabled?: boolean }) {
  const { api } = useApiSession();
  return useQuery({ ...interventionsQuery(api), enabled: options?.enabled ?? true });
}
