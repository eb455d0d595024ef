import { addDays, isAfter, isOnOrBefore, type CalendarDate } from './calendar-date.ts';
import type { DomainSettings } from './domain-settings.ts';
import type { DueWorkItem } from './due-work-views.ts';
import { ehcNeedsAssessmentTimeline } from './ehc-needs-assessment.ts';
import type { EhcNeedsAssessment } from './ehc-needs-assessment.schema.ts';
import type { Pupil } from './pupil.schema.ts';
import { pupilDisplayName } from './pupil.schema.ts';
import { markNonWorkingDays } from './timeline-step.ts';
import type { BankHolidays } from './working-days.ts';

/**
 * A pupil's EHC needs assessment steps for the home view's due work: every open step of each request's clock
 * (SEND Regulations 2014 regs 5, 10 and 13) that is overdue or due by `within` days from today. The school's
 * own steps and the LA's it chases are work until recorded; the family's windows (comments on the draft,
 * the appeal) are not the school's to finish, so one that has passed is no longer listed.
 */
export function needsAssessmentDueWork(input: {
  pupil: Pupil;
  assessments: readonly EhcNeedsAssessment[];
  settings: DomainSettings;
  today: CalendarDate;
  within: number;
  bankHolidays: BankHolidays;
}): DueWorkItem[] {
  const { pupil, settings, today, bankHolidays } = input;
  const horizon = addDays(today, input.within);
  return input.assessments.flatMap((assessment) =>
    markNonWorkingDays(
      ehcNeedsAssessmentTimeline({ assessment, settings, today, bankHolidays }),
      bankHolidays,
    )
      .filter((step) => step.status !== 'done' && isOnOrBefore(step.due, horizon))
      .filter((step) => !(step.owner === 'family' && isAfter(today, step.due)))
      .map((step) => ({
        pupilId: pupil.id,
        pupilName: pupilDisplayName(pupil),
        kind: 'needs-assessment' as const,
        step,
      })),
  );
}
