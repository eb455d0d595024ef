import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CalendarDate } from '../../../../domain/calendar-date.ts';
import type { MeetingKind } from '../../../../domain/meeting.schema.ts';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';

/** GET /api/pupils/{id}/meetings: meetings about the pupil, newest first (SEND team). */
export type PupilMeeting = {
  id: string;
  kind: MeetingKind;
  on: CalendarDate;
  startsAt: string | null;
  durationMinutes: number | null;
  location: string | null;
  attendees: { name: string; role: string | null }[];
  upcoming: boolean;
};

export type PupilMeetings = { pupilId: string; meetings: PupilMeeting[] };

export function pupilMeetingsQuery(api: ApiClient, pupilId: string) {
  return queryOptions({
    queryKey: ['pupils', pupilId, 'meetings'] as const,
    queryFn: () => api.get<PupilMeetings>(`/api/pupils/${encodeURIComponent(pupilId)}/meetings`),
  });
}

export function usePupilMeetings(pupilId: string) {
  const { api } = useApiSession();
  return useQuery(pupilMeetingsQuery(api, pupilId));
}
