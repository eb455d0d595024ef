import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CalendarDate } from '../../../../domain/calendar-date.ts';
import type { Intervention } from '../../../../domain/intervention.schema.ts';
import { interventionImpact } from '../../../../domain/provision-analytics.ts';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { interventionsKey, type FullIntervention, type InterventionView } from './get-interventions.ts';

/**
 * PUT /api/interventions/{id}/pupils/{pupilId}/measures (expected; not in the API yet): a pupil's entry and
 * exit scores and leaving date, quoting the intervention's version.
 */
export type RecordMeasuresInput = {
  interventionId: string;
  pupilId: string;
  entryMeasure: number | undefined;
  exitMeasure: number | undefined;
  leftOn: CalendarDate | undefined;
  expectedETag: string;
};

export function recordMeasures(api: ApiClient, input: RecordMeasuresInput) {
  const { interventionId, pupilId, expectedETag, ...body } = input;
  return api.put<{ intervention: FullIntervention } | undefined>(
    `/api/interventions/${encodeURIComponent(interventionId)}/pupils/${encodeURIComponent(pupilId)}/measures`,
    { ...body, expectedETag },
    { headers: { 'If-Match': expectedETag } },
  );
}

/** The intervention with one pupil's measures changed, and its impact worked out again. */
export function withMeasures(
  intervention: FullIntervention,
  input: RecordMeasuresInput,
  asOf: CalendarDate,
): FullIntervention {
  const pupils = intervention.pupils.map((p) => {
    if (p.pupilId !== input.pupilId) return p;
    const next = { ...p };
    if (input.entryMeasure === undefined) delete next.entryMeasure;
    else next.entryMeasure = input.entryMeasure;
    if (input.exitMeasure === undefined) delete next.exitMeasure;
    else next.exitMeasure = input.exitMeasure;
    if (input.leftOn === undefined) delete next.leftOn;
    else next.leftOn = input.leftOn;
    return next;
  });
  const changed: Intervention = { ...intervention, pupils };
  return { ...intervention, pupils, impact: interventionImpact(changed, asOf) };
}

/** Records measures; the provision map shows the new impact at once and goes back if the save fails. */
export function useRecordMeasures() {
  const { api, me } = useApiSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RecordMeasuresInput) => recordMeasures(api, input),
    onMutate: async (input) => {
      await queryClient.cancelQueries({ queryKey: interventionsKey });
      const previous = queryClient.getQueryData<{ interventions: InterventionView[] }>(interventionsKey);
      if (previous) {
        queryClient.setQueryData(interventionsKey, {
          interventions: previous.interventions.map((i) =>
            i.access === 'full' && i.id === input.interventionId ? withMeasures(i, input, me.today) : i,
          ),
        });
      }
      return { previous };
    },
    onError: (_error, _input, context) => {
      if (context?.previous) queryClient.setQueryData(interventionsKey, context.previous);
    },
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: ['provision'] });
    },
  });
}
