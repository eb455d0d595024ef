import { z } from 'zod';
import {
  REVIEW_LA_DECISION_WEEKS,
  SEN_SUPPORT_PARENT_MEETINGS_PER_YEAR,
  UNDER_FIVE_REVIEW_MONTHS_MAX,
  UNDER_FIVE_REVIEW_MONTHS_MIN,
} from './statutory-rules.ts';
import { amountField, booleanField, optionalText, wholeNumberField } from './schema-fields.ts';
import { hasVisibleCharacter } from './text-input.ts';
import { yearGroupSchema } from './year-group.schema.ts';
import { remindersSettingsSchema, termDatesSchema } from './school-calendar.ts';
import { retentionSettingsSchema } from './retention.ts';

/**
 * What the regulations leave to the school, as settings with documented defaults. Parse once at the
 * edge with `domainSettingsSchema` (every field optional on input) and pass the result into the rules.
 */

export const SCHOOL_PHASES = [
  'nursery',
  'infant',
  'junior',
  'primary',
  'middle',
  'secondary',
  'all-through',
  'pru',
] as const;

export type SchoolPhase = (typeof SCHOOL_PHASES)[number];

const wholeNumber = (label: string, min: number, max: number) => wholeNumberField(label, { min, max });

export const schoolSettingsSchema = z.object({
  /** Default 'primary'. Decides which phase transfer, if any, pupils leaving the school make. */
  phase: z
    .enum(SCHOOL_PHASES, { error: `School phase must be one of ${SCHOOL_PHASES.join(', ')}` })
    .default('primary'),
  /**
   * The last year group the school teaches. Default: taken from the phase (nursery N2, infant Y2,
   * junior and primary Y6, middle Y8, secondary and all-through Y11 or Y13 with a sixth form; none for a PRU).
   */
  finalYearGroup: yearGroupSchema.optional(),
  /** Default false. With a sixth form, secondary and all-through schools end at Y13. */
  sixthForm: booleanField('Sixth form').default(false),
  /**
   * The school's name, as printed on documents SENCO Hub makes (a subject access export). A name with no
   * visible character is no name: left out, so those documents say "The school" rather than nothing.
   */
  name: optionalText('School name', 200)
    .transform((name) => (name && hasVisibleCharacter(name) ? name : undefined))
    .optional(),
});

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const schoolTime = (label: string) =>
  z
    .string({ error: `${label} must be a time` })
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: `${label} must be a time such as 08:30 (24-hour)` })
    .refine((t) => minutesOf(t) % 15 === 0, {
      error: `${label} must be on the quarter hour (15-minute steps)`,
    });

/**
 * The school day meetings are looked for in and checked against: default 08:30 to 16:00, in 15-minute steps,
 * the end after the start.
 */
export const schoolDaySchema = z
  .object({
    starts: schoolTime('School day start').default('08:30'),
    ends: schoolTime('School day end').default('16:00'),
  })
  .superRefine((day, ctx) => {
    if (minutesOf(day.ends) <= minutesOf(day.starts))
      ctx.addIssue({
        code: 'custom',
        path: ['ends'],
        message: `School day end must be after its start (${day.starts})`,
      });
  });
export type SchoolDay = z.output<typeof schoolDaySchema>;

export const domainSettingsSchema = z.object({
  /**
   * Under-5 EHC plan review interval. CoP 9.178: the LA "should consider" reviewing every 3 to 6 months.
   * Default 6 (the longest interval the Code contemplates).
   */
  underFiveReviewIntervalMonths: wholeNumber(
    'Under-5 review interval (months)',
    UNDER_FIVE_REVIEW_MONTHS_MIN,
    UNDER_FIVE_REVIEW_MONTHS_MAX,
  ).default(UNDER_FIVE_REVIEW_MONTHS_MAX),
  /** A step is "due soon" from this many days before its due day. Default 14 (one notice period). */
  dueSoonDays: wholeNumber('Due-soon window (days)', 0, 90).default(14),
  /**
   * How many weeks before the review meeting advice is requested. Default 6: professionals get 4 weeks
   * before the 2-week circulation deadline (reg 20(4)). Must exceed the 2 weeks of circulation.
   */
  adviceRequestWeeksBeforeMeeting: wholeNumber('Advice request lead time (weeks)', 3, 16).default(6),
  /**
   * How many weeks before the review is due the meeting must be held. Default and minimum 4: the LA's
   * 4-week decision window (reg 20(10)) must end inside the 12 months.
   */
  meetingWeeksBeforeReviewDue: wholeNumber('Meeting lead time (weeks)', REVIEW_LA_DECISION_WEEKS, 16).default(
    REVIEW_LA_DECISION_WEEKS,
  ),
  /**
   * Which date of the last review starts the next 12 months. 'review-meeting' (default) is the cautious
   * reading: it is never later than 'la-decision' (the date the LA notified its decision, which some
   * read as when the review ends). Falls back to the meeting date when no decision is recorded.
   */
  reviewAnchor: z
    .enum(['review-meeting', 'la-decision'], {
      error: "Review anchor must be 'review-meeting' or 'la-decision'",
    })
    .default('review-meeting'),
  /** Parent reviews a year for pupils on SEN support. Default 3, the Code's minimum (CoP 6.65). */
  senSupportParentReviewsPerYear: wholeNumber(
    'SEN support parent reviews a year',
    SEN_SUPPORT_PARENT_MEETINGS_PER_YEAR,
    12,
  ).default(SEN_SUPPORT_PARENT_MEETINGS_PER_YEAR),
  /** Months until a new passport version is due review. Default 12 (local practice; many review termly). */
  passportReviewMonths: wholeNumber('Passport review interval (months)', 1, 12).default(12),
  /**
   * Flag pupils whose additional provision reaches this percentage of the £6,000 high-needs threshold
   * (a prompt to consider top-up or an EHC needs assessment). Default 80 (local practice).
   */
  thresholdWarningPercent: wholeNumber('Threshold warning (%)', 50, 100).default(80),
  /** Warn when a looked-after pupil's review has no note on aligning it with the PEP (CoP 9.169). Default true. */
  warnLookedAfterWithoutPepAlignment: booleanField('PEP alignment warning').default(true),
  /**
   * The school's notional SEN budget for the current financial year, in pounds: the part of its core budget
   * the local authority identifies for SEN support (schools meet the first £6,000 of a pupil's additional
   * provision from it). The provision map compares whole-school cost with it. No default: absent until the
   * SENCO records it, and the figure changes each April.
   */
  notionalSenBudget: amountField('Notional SEN budget').optional(),
  school: schoolSettingsSchema.prefault({}),
  /**
   * The school's terms (first and last day of each, half-term holidays as gaps between terms). Reminders post
   * on school days only: weekdays inside a term, bank holidays excepted. Empty: every weekday but bank holidays.
   */
  termDates: termDatesSchema.default([]),
  /** Where the bot posts reminders, and when the weekly digest goes. */
  reminders: remindersSettingsSchema.prefault({}),
  /** How long SEND records are kept after a pupil leaves, and legal holds (retention.ts). */
  retention: retentionSettingsSchema.prefault({}),
  /** School hours: when meetings are looked for, and what a booking is warned against leaving. */
  schoolDay: schoolDaySchema.prefault({}),
});

export type DomainSettings = z.output<typeof domainSettingsSchema>;
export type DomainSettingsInput = z.input<typeof domainSettingsSchema>;
export type SchoolSettings = DomainSettings['school'];

export const DEFAULT_DOMAIN_SETTINGS: DomainSettings = domainSettingsSchema.parse({});

/** Settings with defaults filled in; throws a ZodError naming the bad field. */
export function resolveDomainSettings(input: DomainSettingsInput = {}): DomainSettings {
  return domainSettingsSchema.parse(input);
}
