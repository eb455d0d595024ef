import type { BookableKind } from '../../../../contract/bookings.ts';
import type { CalendarDate } from '../../../../domain/calendar-date.ts';
import { sharedKeys } from '../../../api/query-keys.ts';

/** Booking's query keys: a pupil's proposals and checks under the pupil's root; the Outlook status is the user's. */
export const bookingKeys = {
  proposal: (pupilId: string, kind: BookableKind) =>
    [...sharedKeys.pupil(pupilId), 'bookings', 'proposal', kind] as const,
  check: (
    pupilId: string,
    kind: BookableKind,
    on: CalendarDate | undefined,
    time: { startsAt?: string; durationMinutes?: number },
  ) => [...sharedKeys.pupil(pupilId), 'bookings', 'check', kind, on, time.startsAt, time.durationMinutes] as const,
  outlookCheck: (pupilId: string) => [...sharedKeys.pupil(pupilId), 'bookings', 'outlook-check'] as const,
  outlookStatus: ['bookings', 'outlook-status'] as const,
};
