import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  InterventionAnswer,
  InterventionCreateBody,
  InterventionUpdateBody,
} from '../../../../contract/provision.ts';
import type { Intervention } from '../../../../domain/intervention.schema.ts';
import type { RegisterPage } from '../../../../domain/pupil-views.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { provisionKeys } from './keys.ts';
import { conflictOf, type Conflict } from '../../../api/error-answers.ts';
import { fieldProblemsOf } from '../../../api/field-errors.ts';

/**
 * POST /api/interventions (a new intervention with its pupils) and PUT /api/interventions/{id} (its details,
 * quoting its version). Bodies and answers: src/contract/provision.ts.
 */
export type SaveInterventionInput =
  | { mode: 'add'; body: InterventionCreateBody }
  | { mode: 'edit'; id: string; body: InterventionUpdateBody; expectedETag: string };

/** What a 409 says: the intervention's details as now stored, with their version, who and when. */
export type InterventionConflict = Conflict<Omit<Intervention, 'pupils'>>;

export function interventionConflictOf(error: unknown): InterventionConflict | undefined {
  return conflictOf<Omit<Intervention, 'pupils'>>(error);
}

/** The fields a 400 names, by their first path segment (`staff.0.name` → `staff`). */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  return Object.fromEntries(fieldProblemsOf(error).map((f) => [f.path.split('.')[0] ?? f.path, f.message]));
}

export function useSaveIntervention() {
  const { api } = useApiSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SaveInterventionInput) =>
      input.mode === 'add'
        ? api.post<InterventionAnswer>('/api/interventions', input.body)
        : api.put<InterventionAnswer>(
            `/api/interventions/${encodeURIComponent(input.id)}`,
            { ...input.body, expectedETag: input.expectedETag },
            { headers: { 'If-Match': input.expectedETag } },
          ),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: provisionKeys.all });
    },
  });
}

/** The pupils the SENCO can add to an intervention: everyone on the SEN register, by name. */
export function usePupilChoices(enabled: boolean) {
  const { api } = useApiSession();
  return useQuery({
    ...queryOptions({
      queryKey: provisionKeys.pupilChoices,
      queryFn: async () => {
        const page = await api.get<RegisterPage>('/api/pupils?limit=1000');
        return page.pupils
          .map((p) => ({ id: p.id, name: p.displayName }))
          .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
      },
    }),
    enabled,
  });
}
