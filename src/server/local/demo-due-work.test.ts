import { describe, expect, it } from 'vitest';
import { addDays, isOnOrBefore, parseCalendarDate, type CalendarDate } from '../../domain/calendar-date.ts';
import { DEFAULT_DOMAIN_SETTINGS } from '../../domain/domain-settings.ts';
import { ehcPlanTimeline } from '../../domain/ehc-plan-timeline.ts';
import { passportReviewStep } from '../../domain/passport.ts';
import { senSupportReviewStep } from '../../domain/sen-support-plan.ts';
import { provisionOn } from '../../domain/sen-status.ts';
import type { TimelineStep } from '../../domain/timeline-step.ts';
import { generateDemoSchool } from '../../local365/seed/demo-school.ts';
import { dueKindOf } from '../api/due-work-routes.ts';
import { demoSendRecords } from './demo-records.ts';

/**
 * The demo school is what a newcomer sees first, so it must look like a well-run school on whatever day it
 * is started: a handful of things genuinely overdue or due, of different kinds, not a wall of red. The
 * steps are gathered as GET /api/due-work gathers them (src/server/api/due-work-routes.ts).
 */
function dueWork(today: CalendarDate, within = 42) {
  const records = demoSendRecords(generateDemoSchool({ today }));
  const settings = DEFAULT_DOMAIN_SETTINGS;
  const horizon = addDays(today, within);
  return records.pupils.flatMap((pupil) => {
    const status = provisionOn(pupil.senProvision, today);
    if (status === 'N') return [];
    const steps: TimelineStep[] = [];
    const plan = records.ehcPlans.find((p) => p.pupilId === pupil.id);
    if (plan) steps.push(...ehcPlanTimeline({ plan, pupil, settings, today }).steps);
    const support = records.senSupportPlans.find((p) => p.pupilId === pupil.id);
    if (status === 'K' && support) {
      const review = senSupportReviewStep({ plan: support, settings, today });
      if (review) steps.push(review);
    }
    const passport = records.passports.find((p) => p.pupilId === pupil.id);
    if (passport) steps.push(passportReviewStep({ passport, settings, today }));
    return steps
      .filter((step) => step.status !== 'done' && isOnOrBefore(step.due, horizon))
      .map((step) => ({ pupilId: pupil.id, kind: dueKindOf(step.id), step }));
  });
}

describe('the demo school’s home view on the day it is started', () => {
  it.each(['2026-12-03', '2027-01-12', '2027-03-10', '2027-05-14', '2027-07-01', '2027-09-06', '2027-10-20'])(
    'on %s: a handful overdue or due soon, of different kinds',
    (day) => {
      const items = dueWork(parseCalendarDate(day));
      const overdue = items.filter((i) => i.step.status === 'overdue');
      const urgent = items.filter((i) => i.step.status === 'overdue' || i.step.status === 'due-soon');
      expect(overdue.length, overdue.map((i) => i.step.id).join(', ')).toBeGreaterThanOrEqual(1);
      expect(overdue.length, overdue.map((i) => i.step.id).join(', ')).toBeLessThanOrEqual(6);
      expect(urgent.length).toBeGreaterThanOrEqual(4);
      expect(urgent.length, urgent.map((i) => i.step.id).join(', ')).toBeLessThanOrEqual(16);
      expect(new Set(urgent.map((i) => i.kind)).size).toBeGreaterThanOrEqual(3);
      // Nothing overdue is a guess: no "provisional until the meeting is booked" pile.
      expect(overdue.filter((i) => i.step.provisional)).toEqual([]);
      // The whole six weeks stays a list a SENCO can read on a Monday.
      expect(items.length).toBeLessThanOrEqual(70);
    },
  );
});
