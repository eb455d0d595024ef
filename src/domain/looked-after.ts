import { formatCalendarDate, type CalendarDate } from './calendar-date.ts';
import type { Pupil } from './pupil.schema.ts';
import { PEP_AGE_RANGE, RULES, type Rule } from './statutory-rules.ts';
import { ageOn } from './year-group.ts';

export type PepCheck =
  | { readonly status: 'not-applicable' }
  | { readonly status: 'recorded'; readonly reviewedOn: CalendarDate }
  | { readonly status: 'missing'; readonly message: string; readonly rule: Rule };

/**
 * Whether a looked-after pupil has a Personal Education Plan on record: every looked-after child aged
 * 3 to 18 must have one (DfE, Promoting the education of looked-after children, statutory guidance). How often PEPs are reviewed is left to the virtual school.
 */
export function pepCheck(
  pupil: Pick<Pupil, 'lookedAfter' | 'pepReviewedOn' | 'dateOfBirth'>,
  today: CalendarDate,
): PepCheck {
  const age = ageOn(pupil.dateOfBirth, today);
  if (!pupil.lookedAfter || age < PEP_AGE_RANGE.from || age > PEP_AGE_RANGE.to)
    return { status: 'not-applicable' };
  if (pupil.pepReviewedOn) return { status: 'recorded', reviewedOn: pupil.pepReviewedOn };
  return {
    status: 'missing',
    message: `Looked after, aged ${age} on ${formatCalendarDate(today)}, with no Personal Education Plan recorded`,
    rule: RULES.personalEducationPlan,
  };
}
