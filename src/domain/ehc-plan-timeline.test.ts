import { describe, expect, it } from 'vitest';
import { ehcPlanTimeline } from './ehc-plan-timeline.ts';
import { buildEhcPlan, buildPupil, buildReassessment, buildSettings, d } from './testing/builders.ts';

describe('ehcPlanTimeline', () => {
  it('merges review, phase-transfer and re-assessment steps by date, without a duplicate meeting step', () => {
    const result = ehcPlanTimeline({
      plan: buildEhcPlan({
        issuedOn: d('2025-03-10'),
        reassessments: [buildReassessment({ receivedByLaOn: d('2025-10-01') })],
      }),
      pupil: buildPupil({ dateOfBirth: d('2015-03-10') }),
      settings: buildSettings(),
      today: d('2025-10-02'),
    });
    expect(result.annualReview.phaseTransferYear).toBe(true);
    const ids = result.steps.map((s) => s.id);
    expect(ids).toContain('phase-transfer-amended-by');
    expect(ids).toContain('reassessment-decision-by');
    expect(ids).not.toContain('phase-transfer-meeting-by');
    expect(result.steps.map((s) => s.due)).toEqual([...result.steps.map((s) => s.due)].sort());
  });

  it('is empty for a ceased plan', () => {
    const result = ehcPlanTimeline({
      plan: buildEhcPlan({ ceasedOn: d('2025-09-01') }),
      pupil: buildPupil(),
      settings: buildSettings(),
      today: d('2025-10-02'),
    });
    expect(result.steps).toEqual([]);
    expect(result.warnings[0]).toContain('ceased');
  });
});
