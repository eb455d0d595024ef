import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BookMeetingRequest,
  BookableKind,
  BookingCheckAnswer,
  BookingProposal,
  FreeTimesAnswer,
  FreeTimesRequest,
  MeetingAnswer,
  OutlookCheckAnswer,
  OutlookStatusAnswer,
} from '../../../../contract/bookings.ts';
import type { CalendarDate } from '../../../../domain/calendar-date.ts';
import { ApiError, type ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { sharedKeys } from '../../../api/query-keys.ts';
import { bookingKeys } from './keys.ts';
import { fieldProblemsOf } from '../../../api/field-errors.ts';
import { errorAnswerOf } from '../../../api/error-answers.ts';

/** The booking routes (src/server/api/booking-routes.ts), read and written as the contract's types. */

const base = (pupilId: string) => `/api/pupils/${encodeURIComponent(pupilId)}/bookings`;

export function proposalQuery(api: ApiClient, pupilId: string, kind: BookableKind) {
  return queryOptions({
    queryKey: bookingKeys.proposal(pupilId, kind),
    queryFn: () => api.get<BookingProposal>(`${base(pupilId)}/proposal?kind=${kind}`),
  });
}

export function useBookingProposal(pupilId: string, kind: BookableKind, enabled: boolean) {
  const { api } = useApiSession();
  return useQuery({ ...proposalQuery(api, pupilId, kind), enabled });
}

/** The warnings for a date (and, given a time, the school's hours), asked as the SENCO picks them. */
export function useBookingCheck(
  pupilId: string,
  kind: BookableKind,
  on: CalendarDate | undefined,
  time: { startsAt?: string; durationMinutes?: number } = {},
) {
  const { api } = useApiSession();
  return useQuery({
    queryKey: bookingKeys.check(pupilId, kind, on, time),
    queryFn: () => api.post<BookingCheckAnswer>(`${base(pupilId)}/check`, { kind, on, ...time }),
    enabled: on !== undefined,
  });
}

export function useFreeTimes(pupilId: string) {
  const { api } = useApiSession();
  return useMutation({
    mutationFn: (input: FreeTimesRequest) => api.post<FreeTimesAnswer>(`${base(pupilId)}/free-times`, input),
  });
}

/** Books the meeting; the pupil's plan, meetings and the home view's due work are read again after. */
export function useBookMeeting(pupilId: string) {
  const { api } = useApiSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: BookMeetingRequest) => api.post<MeetingAnswer>(base(pupilId), input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: sharedKeys.pupil(pupilId) });
      void queryClient.invalidateQueries({ queryKey: sharedKeys.dueWork });
    },
  });
}

/** Meetings moved or cancelled in Outlook, brought into line when the pupil is opened. */
export function useOutlookCheck(pupilId: string, enabled: boolean) {
  const { api } = useApiSession();
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: bookingKeys.outlookCheck(pupilId),
    queryFn: async () => {
      const answer = await api.post<OutlookCheckAnswer>(`${base(pupilId)}/outlook-check`, {});
      if (answer.changes.length)
        void queryClient.invalidateQueries({ queryKey: sharedKeys.ehcPlan(pupilId) });
      return answer;
    },
    enabled,
    staleTime: 60_000,
  });
}

/** A failed booking in words: consent missing, Microsoft 365 busy (nothing doubled on retry), or the server's. */
export function bookingFailure(error: unknown): string | undefined {
  if (!error) return undefined;
  if (error instanceof ApiError) {
    const consent = errorAnswerOf(error, 'consentRequired');
    if (consent) return consent.error.message;
    if (error.status === 503 || error.status === 429 || error.status === 0)
      return 'Not booked yet: Microsoft 365 is busy. Try again — the meeting will not be booked twice.';
    if (error.status === 400) {
      const fields = fieldProblemsOf(error);
      return fields.length ? fields.map((f) => f.message).join(' ') : error.message;
    }
    return error.message;
  }
  return error instanceof Error ? error.message : 'The meeting could not be booked.';
}

/** How current SENCO Hub is with the meetings the signed-in person booked (the periodic Outlook check). */
export function useOutlookStatus(enabled: boolean) {
  const { api } = useApiSession();
  return useQuery({
    queryKey: bookingKeys.outlookStatus,
    queryFn: () => api.get<OutlookStatusAnswer>('/api/bookings/outlook-status'),
    enabled,
    refetchInterval: 5 * 60_000,
  });
}

/** Checks the signed-in person's meetings against their Outlook now; what is due is read again after. */
export function useCheckOutlookNow() {
  const { api } = useApiSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<OutlookStatusAnswer>('/api/bookings/outlook-check', {}),
    onSuccess: (answer) => {
      queryClient.setQueryData(bookingKeys.outlookStatus, answer);
      void queryClient.invalidateQueries({ queryKey: sharedKeys.dueWork });
      // Any pupil's meetings may have moved.
      void queryClient.invalidateQueries({ queryKey: sharedKeys.allPupils });
    },
  });
}
