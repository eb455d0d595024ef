import { z } from 'zod';
import type { CalendarDate } from '../domain/calendar-date.ts';
import { retentionHoldSchema } from '../domain/retention.ts';
import { expectedETagField } from './version-tag.ts';

/**
 * Retention of SEND records (the SENCO only): which pupils' records are due for deletion, legal holds, and
 * deleting now what is due.
 *
 * GET  /api/retention                    → RetentionAnswer
 * PUT  /api/retention/holds/{pupilId}    retentionHoldBody → RetentionAnswer (a hold placed, or lifted)
 * POST /api/retention/run                → RetentionRunAnswer
 */

/** `reason` places a hold (or changes its reason); null lifts it. Quotes the settings' version. */
export const retentionHoldBody = z.strictObject({
  reason: retentionHoldSchema.shape.reason.nullable(),
  expectedETag: expectedETagField,
});
export type RetentionHoldBody = z.input<typeof retentionHoldBody>;

/** POST /api/retention/run takes nothing. */
export const retentionRunBody = z.strictObject({}).optional();

export type RetentionPupilRow = {
  pupilId: string;
  name: string;
  /** The day the period ends (date of birth + the period). */
  endsOn: CalendarDate;
  hold: { reason: string; since: CalendarDate; placedBy: string } | null;
};

export type RetentionAnswer = {
  /** Years after date of birth that SEND records are kept. */
  years: number;
  /** How many days ahead `upcoming` looks. */
  withinDays: number;
  /** Off roll, period over, no hold: deleted at the next run. */
  due: RetentionPupilRow[];
  /** Off roll, period over, kept by a legal hold. */
  held: RetentionPupilRow[];
  /** Off roll, period ending within `withinDays` days. */
  upcoming: RetentionPupilRow[];
  /** False when the school's roll could not be read (nobody is treated as having left). */
  rollRead: boolean;
  /** The settings' version: what a hold quotes. */
  settingsETag: string;
};

export type RetentionRunAnswer = {
  deletedPupils: number;
  itemsDeleted: number;
  held: number;
  skipped: 'empty-roll' | null;
};
