import { describe, expect, it } from 'vitest';
import { needsAssessmentProblems } from './ehc-needs-assessment-record.ts';
import { buildEhcNeedsAssessment, d } from './testing/builders.ts';

const today = d('2026-01-10');
const problems = (overrides: Parameters<typeof buildEhcNeedsAssessment>[0]) =>
  needsAssessmentProblems(buildEhcNeedsAssessment({ receivedByLaOn: d('2025-09-15'), ...overrides }), today);

describe('what may be recorded of a needs assessment request', () => {
  it('accepts a request with its milestones in order, up to today', () => {
    expect(
      problems({
        requestedOn: d('2025-09-12'),
        decisionToAssess: { decision: 'assess', notifiedOn: d('2025-10-27') },
        draftPlanServedOn: d('2025-12-15'),
        finalPlanIssuedOn: d('2026-01-10'),
      }),
    ).toEqual([]);
  });

  it('refuses a milestone before the LA received the request, naming the field and the day', () => {
    expect(problems({ decisionToAssess: { decision: 'assess', notifiedOn: d('2025-09-14') } })).toEqual([
      {
        field: 'decisionToAssess.notifiedOn',
        message: 'Decision date cannot be before the LA received the request (15 September 2025)',
      },
    ]);
  });

  it('refuses a date after today, and a request sent after it was received', () => {
    expect(problems({ draftPlanServedOn: d('2026-01-11'), requestedOn: d('2025-09-16') })).toEqual([
      { field: 'requestedOn', message: expect.stringContaining('after the LA received it') },
      { field: 'draftPlanServedOn', message: 'Draft plan date cannot be in the future' },
    ]);
    expect(problems({ receivedByLaOn: d('2026-01-11') })).toEqual([
      { field: 'receivedByLaOn', message: 'Date the LA received the request cannot be in the future' },
    ]);
  });

  it('has no plan to record after a refusal to assess', () => {
    expect(
      problems({
        decisionToAssess: { decision: 'not-assess', notifiedOn: d('2025-10-20') },
        finalPlanIssuedOn: d('2026-01-05'),
      }),
    ).toEqual([
      { field: 'finalPlanIssuedOn', message: 'There is no final plan when the LA decided not to assess' },
    ]);
  });

  it('refuses a final plan dated before its draft', () => {
    expect(problems({ draftPlanServedOn: d('2025-12-15'), finalPlanIssuedOn: d('2025-12-14') })).toEqual([
      { field: 'finalPlanIssuedOn', message: 'Final plan date cannot be before the draft plan date' },
    ]);
  });
});
