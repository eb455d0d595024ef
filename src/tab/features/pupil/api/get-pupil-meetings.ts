import { queryOptions, useQuery } from '@tanstack/react-query';
import type { PupilMeeting, PupilMeetingsAnswer } from '../../../../contract/pupils.ts';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { pupilKeys } from './keys.ts';

export type { PupilMeeting };

/** GET /api/pupils/{id}/meetings: meetings about the pupil, newest first (SEND team). */
export function pupilMeetingsQuery(api: ApiClient, pupilId: string) {
  return queryOptions({
    queryKey: pupilKeys.meetings(pupilId),
    queryFn: () => api.get<PupilMeetingsAnswer>(`/api/pupils/${encodeURIComponent(pupilId)}/meetings`),
  });
}

export function usePupilMeetings(pupilId: string) {
  const { api } = useApiSession();
  return useQuery(pupilMeetingsQuery(api, pupilId));
}
