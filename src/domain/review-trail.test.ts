import { describe, expect, it } from 'vitest';
import { ehcPlanTimeline } from './ehc-plan-timeline.ts';
import type { CalendarDate } from './calendar-date.ts';
import { ceaseWarnings } from './review-trail.ts';
import {
  buildAdviceRequest,
  buildEhcPlan,
  buildPupil,
  buildReview,
  buildSettings,
  d,
} from './testing/builders.ts';
import type { Review } from './review.schema.ts';
import type { TimelineStep } from './timeline-step.ts';

/** The review trail as the pupil's timeline (and so the home view's due work) shows it. */
function stepsOn(today: CalendarDate, review: Partial<Review>) {
  const plan = buildEhcPlan({ issuedOn: d('2026-01-20'), reviews: [buildReview({ id: 'r1', ...review })] });
  return ehcPlanTimeline({ plan, pupil: buildPupil(), settings: buildSettings({ dueSoonDays: 7 }), today })
    .steps;
}
const step = (steps: readonly TimelineStep[], id: string) => steps.find((s) => s.id === id);

describe('advice from each professional', () => {
  const booked = {
    meetingOn: d('2026-12-15'),
    adviceRequests: [
      buildAdviceRequest({ from: 'Dr Ray (EP)', requestedOn: d('2026-11-01') }),
      buildAdviceRequest({
        from: 'Sam (SALT)',
        role: 'health-professional',
        requestedOn: d('2026-11-02'),
        receivedOn: d('2026-11-20'),
      }),
    ],
  };

  it('is due two weeks before the meeting: due on that day, overdue the day after', () => {
    const onTheDay = step(stepsOn(d('2026-12-01'), booked), 'advice-received-r1-1-by');
    expect(onTheDay).toMatchObject({
      due: '2026-12-01',
      status: 'due-soon',
      label: 'Advice from Dr Ray (EP) (asked 1 November 2026)',
    });
    expect(step(stepsOn(d('2026-12-02'), booked), 'advice-received-r1-1-by')?.status).toBe('overdue');
  });

  it('is done once received, whenever that was', () => {
    expect(step(stepsOn(d('2026-12-02'), booked), 'advice-received-r1-2-by')).toMatchObject({
      status: 'done',
      completedOn: '2026-11-20',
    });
  });

  it('is not asked of a review not yet booked, nor chased once the meeting is held', () => {
    expect(
      stepsOn(d('2026-12-02'), { ...booked, meetingOn: undefined }).some((s) =>
        s.id.startsWith('advice-received'),
      ),
    ).toBe(false);
    expect(
      stepsOn(d('2026-12-20'), { ...booked, heldOn: d('2026-12-15') }).some((s) =>
        s.id.startsWith('advice-received'),
      ),
    ).toBe(false);
  });
});

describe('after the meeting', () => {
  const held = { meetingOn: d('2026-11-02'), heldOn: d('2026-11-02'), recommendation: 'amend' as const };

  it('wants the report to the LA within two weeks: due on 16 November, overdue on the 17th', () => {
    expect(step(stepsOn(d('2026-11-16'), held), 'review-report-sent-by')).toMatchObject({
      due: '2026-11-16',
      status: 'due-soon',
    });
    expect(step(stepsOn(d('2026-11-17'), held), 'review-report-sent-by')?.status).toBe('overdue');
    expect(
      step(stepsOn(d('2026-11-17'), { ...held, reportSentOn: d('2026-11-17') }), 'review-report-sent-by')
        ?.status,
    ).toBe('done');
  });

  it('wants the LA decision within four weeks and the final amended plan within twelve', () => {
    expect(step(stepsOn(d('2026-11-30'), held), 'la-decision-by')).toMatchObject({
      due: '2026-11-30',
      status: 'due-soon',
    });
    expect(step(stepsOn(d('2026-12-01'), held), 'la-decision-by')?.status).toBe('overdue');
    expect(step(stepsOn(d('2027-01-25'), held), 'final-amended-plan-by')).toMatchObject({
      due: '2027-01-25',
      status: 'due-soon',
    });
    expect(step(stepsOn(d('2027-01-26'), held), 'final-amended-plan-by')?.status).toBe('overdue');
  });
});

describe('a plan issued anew after a re-assessment', () => {
  it('starts its review clock from the new issue date, not a review of the plan it replaced', () => {
    const plan = buildEhcPlan({
      issuedOn: d('2026-10-01'),
      reviews: [buildReview({ meetingOn: d('2026-03-01'), heldOn: d('2026-03-01') })],
    });
    const timeline = ehcPlanTimeline({
      plan,
      pupil: buildPupil(),
      settings: buildSettings(),
      today: d('2026-12-02'),
    });
    expect(step(timeline.steps, 'review-due-by')?.due).toBe('2027-09-30');
  });
});

describe('cease warnings', () => {
  it('says until when the plan must be kept, and that an appeal holds it', () => {
    const decision = { notifiedOn: d('2026-09-10'), reason: 'no-longer-necessary' as const };
    expect(ceaseWarnings({ ceaseDecision: decision })[0]).toMatch(
      /^The LA decided on 10 September 2026 to cease the plan: the plan is no longer necessary \(s 45\(1\)\(b\)\)\. The family may appeal until \d+ \w+ 2026; keep the plan until then/,
    );
    expect(ceaseWarnings({ ceaseDecision: { ...decision, appealLodgedOn: d('2026-10-01') } })[0]).toContain(
      'keep the plan until it is decided',
    );
    expect(ceaseWarnings({ ceaseDecision: decision, ceasedOn: d('2026-12-01') })).toEqual([]);
  });
});
