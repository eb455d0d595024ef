import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CalendarDate } from '../../../../domain/calendar-date.ts';
import type { Intervention, InterventionPupil } from '../../../../domain/intervention.schema.ts';
import type { BroadAreaOfNeed } from '../../../../domain/needs.ts';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';

/** GET /api/pupils/{id}/interventions: the interventions the pupil is in, with entry and exit measures. */
export type PupilIntervention = {
  id: string;
  name: string;
  areaOfNeed: BroadAreaOfNeed;
  delivery: Intervention['delivery'];
  staff: Intervention['staff'];
  startOn: CalendarDate;
  endOn: CalendarDate | null;
  measureName: string | null;
  participation: InterventionPupil;
  costShare: number | null;
};

export type PupilInterventions = { pupilId: string; interventions: PupilIntervention[] };

export function pupilInterventionsQuery(api: ApiClient, pupilId: string) {
  return queryOptions({
    queryKey: ['pupils', pupilId, 'interventions'] as const,
    queryFn: () => api.get<PupilInterventions>(`/api/pupils/${encodeURIComponent(pupilId)}/interventions`),
  });
}

export function usePupilInterventions(pupilId: string) {
  const { api } = useApiSession();
  return useQuery(pupilInterventionsQuery(api, pupilId));
}
