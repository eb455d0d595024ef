import { addMonths, type CalendarDate } from './calendar-date.ts';
import type { DomainSettings } from './domain-settings.ts';
import type { Passport, PassportContent } from './passport.schema.ts';
import { RULES } from './statutory-rules.ts';
import { stepBuilder, type TimelineStep } from './timeline-step.ts';

/** The sections of a passport's content, in the order a one-page profile shows them. */
export const PASSPORT_CONTENT_FIELDS = [
  'aboutMe',
  'strengths',
  'whatIFindHard',
  'whatHelpsMe',
  'communication',
  'accessArrangements',
] as const satisfies readonly (keyof PassportContent)[];

/**
 * When a passport reviewed on a day is next due review: the one rule for every passport, whether seeded,
 * imported, saved or marked reviewed, from the school's passportReviewMonths setting.
 */
export function passportReviewDueOn(reviewedOn: CalendarDate, settings: DomainSettings): CalendarDate {
  return addMonths(reviewedOn, settings.passportReviewMonths);
}

/**
 * A passport reviewed with nothing to change: the same version, with the day of the review and the next
 * review due from it. Content is what staff confirm they have read ("I've read this", per version), so a
 * review that changes no content makes no new version and leaves every confirmation standing; a review
 * that changes content is a save (nextPassportVersion), which staff read again.
 */
export function reviewedPassport(
  passport: Passport,
  reviewedOn: CalendarDate,
  settings: DomainSettings,
): Passport {
  return { ...passport, reviewedOn, reviewDueOn: passportReviewDueOn(reviewedOn, settings) };
}

/**
 * The next version of a passport: version + 1 (1 for the first), reviewed today, next review due by
 * the school's passportReviewMonths setting.
 */
export function nextPassportVersion(input: {
  previous?: Passport;
  id: string;
  pupilId: string;
  content: PassportContent;
  reviewedOn: CalendarDate;
  settings: DomainSettings;
  updatedBy?: string;
}): Passport {
  return {
    id: input.id,
    pupilId: input.pupilId,
    ...input.content,
    version: (input.previous?.version ?? 0) + 1,
    reviewedOn: input.reviewedOn,
    reviewDueOn: passportReviewDueOn(input.reviewedOn, input.settings),
    ...(input.updatedBy ? { updatedBy: input.updatedBy } : {}),
  };
}

/** Which parts of the content differ between two versions (to tell a second editor what changed). */
export function passportChanges(before: PassportContent, after: PassportContent): (keyof PassportContent)[] {
  return PASSPORT_CONTENT_FIELDS.filter(
    (field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]),
  );
}

export function passportReviewStep(input: {
  passport: Passport;
  settings: DomainSettings;
  today: CalendarDate;
}): TimelineStep {
  return stepBuilder({ today: input.today, dueSoonDays: input.settings.dueSoonDays })({
    id: 'passport-review-by',
    label: 'Review the pupil passport',
    due: input.passport.reviewDueOn,
    rule: RULES.passportReview,
    owner: 'school',
  });
}
