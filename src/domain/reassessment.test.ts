import { describe, expect, it } from 'vitest';
import type { EhcPlan, ReassessmentRequest } from './ehc-plan.schema.ts';
import {
  mayRefuseReassessment,
  reassessmentDecisionDueBy,
  reassessmentFinalPlanDueBy,
  reassessmentSteps,
} from './reassessment.ts';
import { buildEhcPlan, buildReassessment, buildSettings, d } from './testing/builders.ts';

const steps = (request: Partial<ReassessmentRequest>, plan: Partial<EhcPlan> = {}, today = '2025-10-05') =>
  reassessmentSteps({
    plan: buildEhcPlan({
      issuedOn: d('2024-06-01'),
      reassessments: [buildReassessment({ receivedByLaOn: d('2025-10-01'), ...request })],
      ...plan,
    }),
    settings: buildSettings(),
    today: d(today),
  });

describe('re-assessment deadlines', () => {
  it('15 days to decide, 14 weeks from the decision to the final plan', () => {
    expect(reassessmentDecisionDueBy(d('2025-10-01'))).toBe('2025-10-16');
    expect(reassessmentFinalPlanDueBy(d('2025-10-10'))).toBe('2026-01-16');
  });

  it('projects the final plan from the decision deadline while the LA has not decided', () => {
    expect(steps({}).map((s) => [s.id, s.due, s.provisional])).toEqual([
      ['reassessment-decision-by', '2025-10-16', false],
      ['reassessment-final-plan-by', '2026-01-22', true],
    ]);
  });

  it('counts from the actual decision once it is made', () => {
    const result = steps({ decision: 'reassess', decisionNotifiedOn: d('2025-10-10') });
    expect(result.map((s) => [s.id, s.status, s.due])).toEqual([
      ['reassessment-decision-by', 'done', '2025-10-16'],
      ['reassessment-final-plan-by', 'upcoming', '2026-01-16'],
    ]);
  });

  it('a refusal opens the appeal window instead', () => {
    const result = steps({ decision: 'refuse', decisionNotifiedOn: d('2025-10-10') });
    expect(result.map((s) => [s.id, s.due, s.rule.id])).toEqual([
      ['reassessment-decision-by', '2025-10-16', 'reassessment-decision'],
      ['reassessment-appeal-by', '2025-12-10', 'appeal-window'],
    ]);
  });

  it('uses the most recent request', () => {
    const result = reassessmentSteps({
      plan: buildEhcPlan({
        reassessments: [
          buildReassessment({ receivedByLaOn: d('2025-11-01') }),
          buildReassessment({ receivedByLaOn: d('2025-03-01') }),
        ],
      }),
      settings: buildSettings(),
      today: d('2025-11-02'),
    });
    expect(result[0]?.due).toBe('2025-11-16');
  });

  it('shows nothing without a request', () => {
    expect(
      reassessmentSteps({ plan: buildEhcPlan(), settings: buildSettings(), today: d('2025-11-02') }),
    ).toEqual([]);
  });
});

describe('the 6-month refusal rule (reg 24)', () => {
  it.each([
    ['2025-06-30', true, 'inside 6 months'],
    ['2025-07-01', true, 'exactly 6 months on'],
    ['2025-07-02', false, 'the day after'],
  ])('assessed 2025-01-01, request %s → may refuse %s (%s)', (requestedOn, expected, _why) => {
    expect(mayRefuseReassessment({ lastAssessedOn: d('2025-01-01'), requestedOn: d(requestedOn) })).toBe(
      expected,
    );
  });

  it('warns on the decision step, falling back to the issue date', () => {
    const result = steps({}, { issuedOn: d('2025-05-01') });
    expect(result[0]?.warnings).toEqual([
      'The LA may refuse: it assessed within the 6 months before the request (plan issued 1 May 2025; reg 24)',
    ]);
    expect(steps({}, { issuedOn: d('2025-05-01'), lastAssessedOn: d('2025-03-01') })[0]?.warnings).toEqual(
      [],
    );
  });

  it('passes recorded exceptions on to the final-plan step', () => {
    expect(steps({ exceptions: ['absent-from-area'] })[1]?.warnings[0]).toContain('reg 10(4)(d)');
  });
});
