import { describe, expect, it } from 'vitest';
import { needsAssessmentDueWork } from './ehc-needs-assessment-due.ts';
import type { EhcNeedsAssessment } from './ehc-needs-assessment.schema.ts';
import { buildEhcNeedsAssessment, buildSenSupportPupil, buildSettings, d } from './testing/builders.ts';

const pupil = buildSenSupportPupil({ id: 'ava', legalForename: 'Ava', legalSurname: 'Brown' });

// Received by the LA on Monday 15 September 2025: decision due 27 October, final plan 2 February 2026.
const due = (overrides: Partial<EhcNeedsAssessment>, today: string, within = 42) =>
  needsAssessmentDueWork({
    pupil,
    assessments: [buildEhcNeedsAssessment({ receivedByLaOn: d('2025-09-15'), ...overrides })],
    settings: buildSettings(),
    today: d(today),
    within,
    bankHolidays: new Set([d('2025-12-25'), d('2025-12-26')]),
  }).map((item) => [item.kind, item.step.id, item.step.due, item.step.status]);

describe('EHC needs assessment steps in the due work', () => {
  it('lists the decision whether to assess once it is within the window, and not the later steps', () => {
    expect(due({}, '2025-09-16', 30)).toEqual([]);
    expect(due({}, '2025-10-01')).toEqual([
      ['needs-assessment', 'decision-to-assess-by', '2025-10-27', 'upcoming'],
    ]);
  });

  it('keeps an LA step the school is chasing listed as overdue until it is recorded', () => {
    expect(due({}, '2025-10-28')).toEqual([
      ['needs-assessment', 'decision-to-assess-by', '2025-10-27', 'overdue'],
    ]);
    expect(
      due({ decisionToAssess: { decision: 'assess', notifiedOn: d('2025-10-27') } }, '2025-10-28'),
    ).toEqual([]);
  });

  it('lists the family’s appeal window after a refusal while it is open, and drops it once it has passed', () => {
    const refused = { decisionToAssess: { decision: 'not-assess' as const, notifiedOn: d('2025-10-20') } };
    expect(due(refused, '2025-11-01', 366)).toEqual([
      ['needs-assessment', 'appeal-by', '2025-12-22', 'upcoming'],
    ]);
    expect(due(refused, '2025-12-23', 366)).toEqual([]);
  });
});
