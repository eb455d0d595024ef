import type { YearGroup } from './year-group.ts';

/** A class on the school's roster, by its team group id. */
export type ClassRef = { id: string; displayName: string };

/**
 * A pupil on the school's roll, as the school's roster (School Data Sync) has them. The SEND records hold
 * only pupils with SEND or a SEND history; the roll is everyone, and is the base for the register's numbers
 * (N + K + E = 100% of the roll, DfE school census guide, https://www.gov.uk/guidance/complete-the-school-census).
 */
export type RollPupil = {
  /** DfE UPN, upper case: how the roll meets the SEND records. */
  readonly upn: string;
  /** Undefined when the roster names no year group for the pupil. */
  readonly yearGroup: YearGroup | undefined;
  readonly classIds: readonly string[];
};
