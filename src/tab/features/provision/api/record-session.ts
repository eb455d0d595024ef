import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CalendarDate } from '../../../../domain/calendar-date.ts';
import type { SessionRecordedAnswer } from '../../../../contract/interventions.ts';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { provisionKeys } from './keys.ts';

/** POST /api/interventions/{id}/sessions: one delivered session, who came and who did not. */
export type RecordSessionInput = {
  interventionId: string;
  date: CalendarDate;
  /** Which session of the day (1 unless it runs more than once a day). */
  sessionNumber: number;
  attendedPupilIds: string[];
  absentPupilIds: string[];
  note?: string;
};

export function recordSession(api: ApiClient, input: RecordSessionInput) {
  const { interventionId, ...body } = input;
  return api.post<SessionRecordedAnswer>(
    `/api/interventions/${encodeURIComponent(interventionId)}/sessions`,
    {
      ...body,
      ...(body.note?.trim() ? { note: body.note.trim() } : { note: undefined }),
    },
  );
}

export function useRecordSession() {
  const { api } = useApiSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RecordSessionInput) => recordSession(api, input),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: provisionKeys.all });
    },
  });
}
