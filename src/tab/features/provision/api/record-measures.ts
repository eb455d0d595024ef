import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CalendarDate } from '../../../../domain/calendar-date.ts';
import type { Intervention, InterventionPupil } from '../../../../domain/intervention.schema.ts';
import { interventionImpact } from '../../../../domain/provision-analytics.ts';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import type { FullIntervention, InterventionView } from '../../../../domain/provision-views.ts';
import { provisionKeys } from './keys.ts';
import { conflictOf, type Conflict } from '../../../api/error-answers.ts';

/**
 * PUT /api/interventions/{id}/pupils/{pupilId}/measures: a pupil's entry and exit scores and leaving date, all
 * three as they are now (an empty one is sent as null, which clears it), quoting the version of the pupil's
 * place in the intervention (`pupilETags`).
 */
export type RecordMeasuresInput = {
  interventionId: string;
  pupilId: string;
  entryMeasure: number | undefined;
  exitMeasure: number | undefined;
  leftOn: CalendarDate | undefined;
  expectedETag: string;
};

/** What a 409 says: the measures someone else saved meanwhile, who and when. */
export type MeasuresConflict = Conflict<InterventionPupil>;

export function measuresConflictOf(error: unknown): MeasuresConflict | undefined {
  return conflictOf<InterventionPupil>(error);
}

export function recordMeasures(api: ApiClient, input: RecordMeasuresInput) {
  const { interventionId, pupilId, expectedETag } = input;
  return api.put<{ intervention: FullIntervention }>(
    `/api/interventions/${encodeURIComponent(interventionId)}/pupils/${encodeURIComponent(pupilId)}/measures`,
    {
      entryMeasure: input.entryMeasure ?? null,
      exitMeasure: input.exitMeasure ?? null,
      leftOn: input.leftOn ?? null,
      expectedETag,
    },
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

const replaceIntervention =
  (id: string, replace: (i: FullIntervention) => FullIntervention) =>
  (data: { interventions: InterventionView[] } | undefined) =>
    data && {
      interventions: data.interventions.map((i) => (i.access === 'full' && i.id === id ? replace(i) : i)),
    };

/**
 * Records measures; the provision map shows the new impact at once, takes the server's figures when it
 * answers and goes back if the save fails.
 */
export function useRecordMeasures() {
  const { api, me } = useApiSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RecordMeasuresInput) => recordMeasures(api, input),
    onMutate: async (input) => {
      await queryClient.cancelQueries({ queryKey: provisionKeys.interventions });
      const previous = queryClient.getQueryData<{ interventions: InterventionView[] }>(provisionKeys.interventions);
      queryClient.setQueryData(
        provisionKeys.interventions,
        replaceIntervention(input.interventionId, (i) => withMeasures(i, input, me.today)),
      );
      return { previous };
    },
    onError: (_error, _input, context) => {
      if (context?.previous) queryClient.setQueryData(provisionKeys.interventions, context.previous);
    },
    onSuccess: (answer) => {
      queryClient.setQueryData(
        provisionKeys.interventions,
        replaceIntervention(answer.intervention.id, () => answer.intervention),
      );
    },
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: provisionKeys.all });
    },
  });
}
