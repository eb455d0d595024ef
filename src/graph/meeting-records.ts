import { meetingSchema, type Meeting } from '../domain/meeting.schema.ts';
import { reviewSchema } from '../domain/review.schema.ts';
import { meetingBookings } from './meeting-bookings.ts';
import { inItemOrder, type RecordsContext } from './replica-lists.ts';
import type { SendRecords } from './send-records.ts';

/**
 * Meetings as the replica reads them (by pupil, newest first), and booking them in steps a retry finishes
 * (meeting-bookings.ts).
 */
export function meetingRecords(ctx: RecordsContext) {
  const { mirror } = ctx;

  const meetingsView = mirror.view(['meetings'], () => {
    const all: Meeting[] = [];
    for (const entry of inItemOrder(mirror, 'meetings')) {
      const meeting = ctx.parse('meeting', String(entry.row['id']), meetingSchema, entry.row);
      if (meeting) all.push(meeting);
    }
    // Newest first; on the same day, the later start first.
    all.sort((a, b) => b.on.localeCompare(a.on) || (b.startsAt ?? '').localeCompare(a.startsAt ?? ''));
    const byPupil = new Map<string, Meeting[]>();
    for (const m of all) for (const id of m.pupilIds) byPupil.set(id, [...(byPupil.get(id) ?? []), m]);
    return byPupil;
  });

  const meetingItem = (meetingId: string) => {
    const entry = mirror.find('meetings', (row) => row['id'] === meetingId);
    const meeting = entry && ctx.parse('meeting', meetingId, meetingSchema, entry.row);
    return entry && meeting ? { itemId: entry.itemId, eTag: entry.eTag, meeting } : undefined;
  };

  const bookings = meetingBookings({
    writes: mirror.writes,
    newId: ctx.newId,
    meetingItem,
    reviewItem: (reviewId) => {
      const entry = mirror.find('ehcPlanReviews', (row) => row.review['id'] === reviewId);
      if (!entry) return undefined;
      const plan = mirror.find('ehcPlans', (row) => row.id === entry.row.ehcPlanId);
      const review = ctx.parse('review', reviewId, reviewSchema, entry.row.review);
      return plan && review
        ? {
            itemId: entry.itemId,
            eTag: entry.eTag,
            plan: { id: plan.row.id, pupilId: plan.row.pupilId },
            review,
          }
        : undefined;
    },
    applyOwn: (key, item) => void mirror.applyOwn(key, item),
  });

  const records: Pick<SendRecords, 'meeting' | 'meetingsFor' | 'meetingBookings'> = {
    meeting: (meetingId) => meetingItem(meetingId)?.meeting,
    meetingsFor: (pupilId) => meetingsView().get(pupilId) ?? [],
    meetingBookings: () => bookings,
  };
  return records;
}
