import { z } from 'zod';
import { addDays, addYears, isOnOrBefore, type CalendarDate } from './calendar-date.ts';
import { calendarDateField } from './calendar-date-field.ts';
import { idField, requiredText, wholeNumberField } from './schema-fields.ts';

/**
 * How long a pupil's SEND records are kept, and when they are due for deletion.
 *
 * The Information and Records Management Society's toolkit for schools (https://irms.org.uk/page/SchoolsToolkit)
 * gives the period for a pupil's SEN files as the pupil's date of birth + 25 years, then secure disposal. Some
 * local authorities advise longer for EHC plans (e.g. date of birth + 31 years: the plan's 25 years plus 6 for a
 * claim), so the period is the school's setting. Records are deleted only for pupils no longer on the school's
 * roll, and never while a legal hold stands (a Tribunal appeal, a claim, a subject access request in progress):
 * UK GDPR Art 17(3)(e) keeps data needed for legal claims.
 */

/** The toolkit's period for SEN files: date of birth + 25 years. */
export const DEFAULT_RETENTION_YEARS = 25;
/** Never shorter than the toolkit's period: a school may keep longer (as some LAs advise), not less. */
export const MIN_RETENTION_YEARS = DEFAULT_RETENTION_YEARS;
export const MAX_RETENTION_YEARS = 100;

export const retentionHoldSchema = z.object({
  pupilId: idField('Pupil id'),
  /** Why the records must be kept, e.g. "SEND Tribunal appeal lodged" or "Subject access request in progress". */
  reason: requiredText('Reason for the hold', 300),
  since: calendarDateField('Hold since'),
  /** Who placed it (their name, for the settings page). */
  placedBy: requiredText('Placed by', 200),
});
export type RetentionHold = z.output<typeof retentionHoldSchema>;

export const retentionSettingsSchema = z.object({
  /** Years after the pupil's date of birth that their SEND records are kept. Default 25 (IRMS toolkit). */
  years: wholeNumberField('Retention period (years after date of birth)', {
    min: MIN_RETENTION_YEARS,
    max: MAX_RETENTION_YEARS,
  }).default(DEFAULT_RETENTION_YEARS),
  /** Pupils whose records are kept whatever their age: one hold each. */
  holds: z
    .array(retentionHoldSchema, { error: 'Legal holds must be a list' })
    .max(1000, { error: 'Legal holds: at most 1000' })
    .refine((holds) => new Set(holds.map((h) => h.pupilId)).size === holds.length, {
      error: 'Legal holds: one hold per pupil',
    })
    .default([]),
});
export type RetentionSettings = z.output<typeof retentionSettingsSchema>;

/** The day a pupil's records become due for deletion: their date of birth + `years`. */
export function retentionEndsOn(dateOfBirth: CalendarDate, years: number): CalendarDate {
  return addYears(dateOfBirth, years);
}

export type RetentionState =
  /** Still on the roll: kept whatever their age. */
  | 'on-roll'
  /** Off the roll, the period not yet over. */
  | 'kept'
  /** Off the roll, the period over, but a legal hold stands. */
  | 'held'
  /** Off the roll, the period over, no hold: delete. */
  | 'due';

export type PupilRetention = {
  pupilId: string;
  endsOn: CalendarDate;
  state: RetentionState;
  hold: RetentionHold | undefined;
};

export type RetentionPupil = { id: string; upn: string; dateOfBirth: CalendarDate };

/** Where one pupil stands. `rollUpns`: the UPNs on the school's roll today, upper case. */
export function pupilRetention(
  pupil: RetentionPupil,
  input: { rollUpns: ReadonlySet<string>; settings: RetentionSettings; today: CalendarDate },
): PupilRetention {
  const endsOn = retentionEndsOn(pupil.dateOfBirth, input.settings.years);
  const hold = input.settings.holds.find((h) => h.pupilId === pupil.id);
  const state: RetentionState = input.rollUpns.has(pupil.upn.toUpperCase())
    ? 'on-roll'
    : !isOnOrBefore(endsOn, input.today)
      ? 'kept'
      : hold
        ? 'held'
        : 'due';
  return { pupilId: pupil.id, endsOn, state, hold };
}

/**
 * What the settings page shows and the deletion job does: pupils off the roll whose period is over (`due`,
 * to delete now; `held`, kept by a hold) and those whose period ends within `withinDays` of today
 * (`upcoming`, held or not, so a hold can be placed before the day). Each list is oldest period first.
 */
export function retentionReview(input: {
  pupils: readonly RetentionPupil[];
  rollUpns: ReadonlySet<string>;
  settings: RetentionSettings;
  today: CalendarDate;
  withinDays: number;
}): { due: PupilRetention[]; held: PupilRetention[]; upcoming: PupilRetention[] } {
  const horizon = addDays(input.today, input.withinDays);
  const all = input.pupils
    .map((p) => pupilRetention(p, input))
    .sort((a, b) => a.endsOn.localeCompare(b.endsOn) || a.pupilId.localeCompare(b.pupilId));
  return {
    due: all.filter((r) => r.state === 'due'),
    held: all.filter((r) => r.state === 'held'),
    upcoming: all.filter((r) => r.state === 'kept' && isOnOrBefore(r.endsOn, horizon)),
  };
}

/** Settings with a hold placed on (or, with `hold` undefined, lifted from) one pupil. */
export function withHold(
  settings: RetentionSettings,
  pupilId: string,
  hold: Omit<RetentionHold, 'pupilId'> | undefined,
): RetentionSettings {
  const others = settings.holds.filter((h) => h.pupilId !== pupilId);
  return { ...settings, holds: hold ? [...others, { pupilId, ...hold }] : others };
}
