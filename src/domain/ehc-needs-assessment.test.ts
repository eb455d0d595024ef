import { describe, expect, it } from 'vitest';
import { appealDeadline } from './appeal-window.ts';
import type { EhcNeedsAssessment } from './ehc-needs-assessment.schema.ts';
import {
  consultationResponseDueBy,
  decisionToAssessDueBy,
  draftCommentsCloseOn,
  ehcNeedsAssessmentTimeline,
  finalPlanDueBy,
  notToIssueDueBy,
} from './ehc-needs-assessment.ts';
import { buildEhcNeedsAssessment, buildSettings, d } from './testing/builders.ts';

// Request received by the LA on Monday 15 September 2025.
const timeline = (overrides: Partial<EhcNeedsAssessment>, today = '2025-10-01') =>
  ehcNeedsAssessmentTimeline({
    assessment: buildEhcNeedsAssessment({ receivedByLaOn: d('2025-09-15'), ...overrides }),
    settings: buildSettings(),
    today: d(today),
  });
const step = (steps: ReturnType<typeof timeline>, id: string) => steps.find((s) => s.id === id);

describe('the 6/16/20-week clock from 15 September 2025', () => {
  it('computes each limit from the day the LA received the request', () => {
    expect(decisionToAssessDueBy(d('2025-09-15'))).toBe('2025-10-27');
    expect(notToIssueDueBy(d('2025-09-15'))).toBe('2026-01-05');
    expect(finalPlanDueBy(d('2025-09-15'))).toBe('2026-02-02');
  });

  it('lists the LA’s deadlines with their regulations', () => {
    expect(timeline({}).map((s) => [s.id, s.due, s.rule.citation])).toEqual([
      ['decision-to-assess-by', '2025-10-27', 'SEND Regulations 2014, reg 5(1)'],
      ['issue-decision-by', '2026-01-05', 'SEND Regulations 2014, reg 10(1)'],
      ['final-plan-by', '2026-02-02', 'SEND Regulations 2014, reg 13(2) and (3); reg 10(4)'],
    ]);
  });

  it.each([
    ['2025-10-27', []],
    ['2025-10-28', ['Decision came 1 day late (due 27 October 2025)']],
    ['2025-11-03', ['Decision came 7 days late (due 27 October 2025)']],
  ])('decision on %s warns %j', (notifiedOn, expected) => {
    const steps = timeline(
      { decisionToAssess: { decision: 'assess', notifiedOn: d(notifiedOn) } },
      '2025-11-10',
    );
    expect(step(steps, 'decision-to-assess-by')).toMatchObject({ status: 'done', warnings: expected });
  });

  it.each([
    ['2025-10-27', 'due-soon'],
    ['2025-10-28', 'overdue'],
  ])('no decision, today %s → %s', (today, status) => {
    expect(step(timeline({}, today), 'decision-to-assess-by')?.status).toBe(status);
  });
});

describe('the school’s own deadlines', () => {
  it.each([
    ['2025-12-11', []],
    ['2025-12-12', ['Advice sent 1 day late (due 11 December 2025)']],
  ])('advice asked 30 October, sent %s (reg 8: 6 weeks) warns %j', (sentOn, expected) => {
    const steps = timeline({ schoolAdvice: { requestedOn: d('2025-10-30'), sentOn: d(sentOn) } });
    expect(step(steps, 'school-advice-by')).toMatchObject({
      due: '2025-12-11',
      owner: 'school',
      warnings: expected,
    });
  });

  it('consultation: 15 calendar days from the day after receipt', () => {
    expect(consultationResponseDueBy(d('2025-12-16'))).toBe('2025-12-31');
    const steps = timeline({ consultation: { receivedOn: d('2025-12-16') } }, '2025-12-20');
    expect(step(steps, 'consultation-response-by')).toMatchObject({ due: '2025-12-31', status: 'due-soon' });
  });
});

describe('the draft plan window (15 days beginning with the day served)', () => {
  it('closes 14 days after service', () => expect(draftCommentsCloseOn(d('2025-12-15'))).toBe('2025-12-29'));

  it.each([
    ['2025-12-29', 'due-soon'],
    ['2025-12-30', 'done'],
  ])('today %s → %s', (today, status) => {
    const steps = timeline({ draftPlanServedOn: d('2025-12-15') }, today);
    expect(step(steps, 'draft-comments-close')?.status).toBe(status);
    // A served draft means the LA decided to issue.
    expect(step(steps, 'issue-decision-by')?.completedOn).toBe('2025-12-15');
  });
});

describe('refusals and the appeal window', () => {
  it.each([
    ['2025-10-20', undefined, '2025-12-22', '2 months after the decision: Sat 20 December → Monday'],
    [
      '2025-10-20',
      '2025-12-10',
      '2026-01-12',
      '1 month after a later certificate; Sat 10 January → Monday (r 12(2))',
    ],
    [
      '2025-10-20',
      '2025-11-01',
      '2025-12-22',
      'an early certificate does not shorten it; Sat 20 December → Monday',
    ],
    ['2025-12-31', undefined, '2026-03-02', 'month end clamps to Sat 28 February → Monday 2 March'],
  ])('decision %s, certificate %s → appeal by %s (%s)', (decisionOn, certificate, expected, _why) => {
    expect(
      appealDeadline({
        decisionOn: d(decisionOn),
        mediationCertificateOn: certificate ? d(certificate) : undefined,
      }),
    ).toBe(expected);
  });

  it('a decision not to assess ends the clock and opens the appeal window', () => {
    const steps = timeline({ decisionToAssess: { decision: 'not-assess', notifiedOn: d('2025-10-20') } });
    expect(steps.map((s) => [s.id, s.due, s.owner])).toEqual([
      ['decision-to-assess-by', '2025-10-27', 'local-authority'],
      ['appeal-by', '2025-12-22', 'family'],
    ]);
    expect(step(steps, 'appeal-by')?.warnings[0]).toMatch(
      /20 December 2025, not a working day.*22 December 2025.*r 12\(2\)/,
    );
  });

  it('a decision not to issue does the same', () => {
    const steps = timeline({
      decisionToAssess: { decision: 'assess', notifiedOn: d('2025-10-20') },
      notToIssueNotifiedOn: d('2026-01-02'),
    });
    expect(steps.map((s) => s.id)).toEqual(['decision-to-assess-by', 'issue-decision-by', 'appeal-by']);
    expect(step(steps, 'appeal-by')?.due).toBe('2026-03-02');
  });
});

describe('exceptions (reg 10(4))', () => {
  it('names a recorded exception on each LA time limit', () => {
    const steps = timeline({ exceptions: ['school-closure'] });
    const message =
      'The time limit may not apply: advice was asked of a school during a closure of 4 weeks or more (reg 10(4)(a))';
    expect(step(steps, 'decision-to-assess-by')?.warnings).toEqual([message]);
    expect(step(steps, 'issue-decision-by')?.warnings).toEqual([message]);
    expect(step(steps, 'final-plan-by')?.warnings).toEqual([message]);
  });
});

describe('a completed assessment', () => {
  it.each([
    ['2026-02-02', []],
    ['2026-02-03', ['Final plan issued 1 day late (due 2 February 2026)']],
  ])('final plan %s warns %j', (issuedOn, expected) => {
    const steps = timeline({ finalPlanIssuedOn: d(issuedOn) }, '2026-02-10');
    expect(step(steps, 'final-plan-by')).toMatchObject({ status: 'done', warnings: expected });
  });
});
