import { addDays } from '../../../../domain/calendar-date.ts';
import { RULES } from '../../../../domain/statutory-rules.ts';
import type { TimelineStep } from '../../../../domain/timeline-step.ts';
import { d, TODAY } from '../../../testing/builders.ts';
import type { DueWorkItem } from '../../../../domain/due-work-views.ts';
import { groupDueWork, routeForDueWork } from './due-work-panel.tsx';

const item = (kind: DueWorkItem['kind'], due: string, status: TimelineStep['status']): DueWorkItem => ({
  pupilId: `p-${kind}-${due}`,
  pupilName: 'Pupil',
  kind,
  step: {
    id: kind,
    label: kind,
    due: d(due),
    rule: RULES.annualReviewDue,
    owner: 'school',
    status,
    provisional: false,
    warnings: [],
  },
});

describe('the SENCO’s Monday list', () => {
  it('orders overdue, this week, annual reviews to book, SEN support reviews, passports, then the rest', () => {
    const groups = groupDueWork(
      [
        item('invitations', '2026-11-01', 'overdue'),
        item('passport', '2026-11-25', 'due-soon'),
        item('ehc-review', '2026-12-20', 'upcoming'),
        item('sen-support-review', '2026-12-20', 'upcoming'),
        item('passport', '2026-12-21', 'upcoming'),
        item('la-decision', '2026-12-22', 'upcoming'),
      ],
      TODAY,
    );
    expect(groups.overdue.map((i) => i.kind)).toEqual(['invitations']);
    expect(groups.thisWeek.map((i) => i.kind)).toEqual(['passport']);
    expect(groups.reviewsToBook.map((i) => i.kind)).toEqual(['ehc-review']);
    expect(groups.senSupportReviews.map((i) => i.kind)).toEqual(['sen-support-review']);
    expect(groups.passports.map((i) => i.kind)).toEqual(['passport']);
    expect(groups.later.map((i) => i.kind)).toEqual(['la-decision']);
  });

  it('lists a review already booked with its date, not among the reviews to book', () => {
    const booked = (on: string): DueWorkItem => {
      const base = item('ehc-review', '2027-01-10', 'upcoming');
      return {
        ...base,
        pupilId: `booked-${on}`,
        step: { ...base.step, booked: { on: d(on), startsAt: '15:30', latestAllowed: d('2027-01-10') } },
      };
    };
    const weekAhead = addDays(TODAY, 7);
    const groups = groupDueWork([booked(weekAhead), booked(addDays(TODAY, 8))], TODAY);
    expect(groups.reviewsToBook).toEqual([]);
    expect(groups.thisWeek.map((i) => i.pupilId)).toEqual([`booked-${weekAhead}`]);
    expect(groups.later.map((i) => i.pupilId)).toEqual([`booked-${addDays(TODAY, 8)}`]);
  });

  it('counts a step due exactly seven days from today as this week', () => {
    expect(groupDueWork([item('advice', '2026-11-30', 'due-soon')], TODAY).thisWeek).toHaveLength(1);
  });

  it('sends statutory steps to the EHC plan, reviews to the SEN support plan and passports to the editor', () => {
    expect(routeForDueWork({ pupilId: 'p', kind: 'report' })).toEqual({
      name: 'pupil',
      pupilId: 'p',
      section: 'ehc-plan',
    });
    expect(routeForDueWork({ pupilId: 'p', kind: 'sen-support-review' })).toEqual({
      name: 'pupil',
      pupilId: 'p',
      section: 'sen-support',
    });
    expect(routeForDueWork({ pupilId: 'p', kind: 'passport' })).toEqual({ name: 'passport', pupilId: 'p' });
    expect(routeForDueWork({ pupilId: 'p', kind: 'needs-assessment' })).toEqual({
      name: 'pupil',
      pupilId: 'p',
      section: 'ehc-plan',
    });
  });
});
