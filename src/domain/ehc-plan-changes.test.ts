import { describe, expect, it } from 'vitest';
import { appealDeadline } from './appeal-window.ts';
import { addDays } from './calendar-date.ts';
import {
  amendEhcPlan,
  ceaseEhcPlan,
  mayCeaseFrom,
  recordCeaseDecision,
  recordEhcPlan,
  reissueEhcPlan,
  withdrawCeaseDecision,
  type EhcPlanDetails,
  type PlanChangeResult,
} from './ehc-plan-changes.ts';
import type { EhcPlan } from './ehc-plan.schema.ts';
import { buildEhcPlan, d } from './testing/builders.ts';

const context = { today: d('2026-12-02'), now: new Date('2026-12-02T10:00:00Z'), by: 'Katie Brown' };
const details: EhcPlanDetails = {
  localAuthority: 'Devon',
  coordinator: { name: 'Pat Officer', email: 'pat.officer@devon.example' },
  outcomes: [{ area: 'communication-and-interaction', outcome: 'Asks for help in class by July 2027' }],
  provision: [{ area: 'communication-and-interaction', provision: 'Speech and language therapy, weekly' }],
  placement: 'Riverside Primary School',
};

function planOf(result: PlanChangeResult): EhcPlan {
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.plan;
}
const fields = (result: PlanChangeResult) => (result.ok ? [] : result.problems.map((p) => p.field));

describe('recording a plan', () => {
  it('keeps sections E, F and I and dates the record with who made it', () => {
    const plan = planOf(
      recordEhcPlan(
        { id: 'p1', pupilId: 'ben', details, issuedOn: d('2026-11-20'), origin: 'existing-plan' },
        context,
      ),
    );
    expect(plan).toMatchObject({ ...details, issuedOn: '2026-11-20', origin: 'existing-plan' });
    expect(plan.changes).toEqual([
      {
        kind: 'recorded',
        on: '2026-11-20',
        recordedAt: '2026-12-02T10:00:00.000Z',
        recordedBy: 'Katie Brown',
      },
    ]);
  });

  it('takes an issue date of today but not tomorrow', () => {
    const record = (issuedOn: string) =>
      recordEhcPlan(
        { id: 'p1', pupilId: 'ben', details, issuedOn: d(issuedOn), origin: 'existing-plan' },
        context,
      );
    expect(record('2026-12-02').ok).toBe(true);
    expect(fields(record('2026-12-03'))).toEqual(['issuedOn']);
  });

  it('needs the assessment date for a plan from a needs assessment, on or before the issue date', () => {
    const base = {
      id: 'p1',
      pupilId: 'ben',
      details,
      issuedOn: d('2026-11-20'),
      origin: 'needs-assessment' as const,
    };
    expect(fields(recordEhcPlan(base, context))).toEqual(['lastAssessedOn']);
    expect(fields(recordEhcPlan({ ...base, lastAssessedOn: d('2026-11-21') }, context))).toEqual([
      'lastAssessedOn',
    ]);
    expect(planOf(recordEhcPlan({ ...base, lastAssessedOn: d('2026-11-20') }, context)).lastAssessedOn).toBe(
      '2026-11-20',
    );
  });

  it('names the field of a blank outcome', () => {
    const result = recordEhcPlan(
      {
        id: 'p1',
        pupilId: 'ben',
        details: { ...details, outcomes: [{ area: 'sensory-and-physical', outcome: '  ' }] },
        issuedOn: d('2026-11-20'),
        origin: 'existing-plan',
      },
      context,
    );
    expect(result.ok ? [] : result.problems).toEqual([
      { field: 'outcomes.0.outcome', message: 'Outcome is required' },
    ]);
  });
});

describe('amending and re-issuing', () => {
  const plan = buildEhcPlan({ issuedOn: d('2025-03-10'), placement: 'Old School' });

  it('amends the contents from a date, keeping the issue date (the review clock) and dropping a cleared placement', () => {
    const { placement: _p, ...noPlacement } = details;
    const amended = planOf(
      amendEhcPlan(
        plan,
        { details: noPlacement, amendedOn: d('2026-11-30'), summary: 'New SALT hours' },
        context,
      ),
    );
    expect(amended.issuedOn).toBe('2025-03-10');
    expect(amended.placement).toBeUndefined();
    expect(amended.changes.at(-1)).toMatchObject({
      kind: 'amended',
      on: '2026-11-30',
      summary: 'New SALT hours',
    });
  });

  it('refuses an amendment dated before the plan or in the future', () => {
    expect(fields(amendEhcPlan(plan, { details, amendedOn: d('2025-03-09') }, context))).toEqual([
      'amendedOn',
    ]);
    expect(amendEhcPlan(plan, { details, amendedOn: d('2025-03-10') }, context).ok).toBe(true);
    expect(fields(amendEhcPlan(plan, { details, amendedOn: d('2026-12-03') }, context))).toEqual([
      'amendedOn',
    ]);
  });

  it('re-issues with a later date, which becomes the issue date, the old one kept in the changes', () => {
    const reissued = planOf(reissueEhcPlan(plan, { details, issuedOn: d('2026-10-01') }, context));
    expect(reissued.issuedOn).toBe('2026-10-01');
    expect(reissued.changes.at(-1)).toMatchObject({
      kind: 're-issued',
      summary: 'Previously issued 10 March 2025',
    });
    expect(fields(reissueEhcPlan(plan, { details, issuedOn: d('2025-03-10') }, context))).toEqual([
      'issuedOn',
    ]);
  });

  it('refuses to change a plan that has ended', () => {
    const ended = buildEhcPlan({ ceasedOn: d('2026-06-01') });
    const result = amendEhcPlan(ended, { details, amendedOn: d('2026-11-01') }, context);
    expect(result.ok ? [] : result.problems[0]?.message).toBe(
      'The plan ended on 1 June 2026: record a new plan instead',
    );
  });
});

describe('ceasing a plan (CFA 2014 s 45)', () => {
  const plan = buildEhcPlan({ issuedOn: d('2024-03-10') });
  const decision = { notifiedOn: d('2026-09-10'), reason: 'no-longer-necessary' as const };
  const lastDayToAppeal = appealDeadline({ decisionOn: decision.notifiedOn });

  it('may end only from the day after the last day to appeal', () => {
    expect(mayCeaseFrom(decision)).toBe(addDays(lastDayToAppeal, 1));
    const decided = planOf(recordCeaseDecision(plan, decision, context));
    const from = mayCeaseFrom(decision)!;
    expect(fields(ceaseEhcPlan(decided, { ceasedOn: addDays(from, -1) }, context))).toEqual(['ceasedOn']);
    const ended = planOf(ceaseEhcPlan(decided, { ceasedOn: from }, context));
    expect(ended.ceasedOn).toBe(from);
    expect(ended.changes.map((c) => c.kind)).toEqual(['cease-decision', 'ceased']);
  });

  it('runs the appeal period from a later mediation certificate', () => {
    const withCertificate = { ...decision, mediationCertificateOn: d('2026-10-30') };
    expect(mayCeaseFrom(withCertificate)).toBe(
      addDays(
        appealDeadline({ decisionOn: decision.notifiedOn, mediationCertificateOn: d('2026-10-30') }),
        1,
      ),
    );
  });

  it('keeps the plan while an appeal waits for the Tribunal, and lets it end once decided', () => {
    const appealed = { ...decision, appealLodgedOn: d('2026-10-01') };
    expect(mayCeaseFrom(appealed)).toBeUndefined();
    const decided = planOf(recordCeaseDecision(plan, appealed, context));
    expect(ceaseEhcPlan(decided, { ceasedOn: d('2026-12-01') }, context)).toMatchObject({
      ok: false,
      problems: [{ field: 'ceasedOn', message: expect.stringContaining('waiting for the Tribunal') }],
    });
    const determined = planOf(
      recordCeaseDecision(decided, { ...appealed, appealDeterminedOn: d('2026-11-20') }, context),
    );
    expect(fields(ceaseEhcPlan(determined, { ceasedOn: d('2026-11-19') }, context))).toEqual(['ceasedOn']);
    expect(ceaseEhcPlan(determined, { ceasedOn: d('2026-11-20') }, context).ok).toBe(true);
  });

  it('refuses to end a plan without a decision, and an appeal decided before it was lodged', () => {
    expect(fields(ceaseEhcPlan(plan, { ceasedOn: d('2026-12-01') }, context))).toEqual(['ceasedOn']);
    expect(
      fields(
        recordCeaseDecision(
          plan,
          { ...decision, appealLodgedOn: d('2026-10-01'), appealDeterminedOn: d('2026-09-30') },
          context,
        ),
      ),
    ).toEqual(['appealDeterminedOn']);
    expect(
      fields(recordCeaseDecision(plan, { ...decision, appealDeterminedOn: d('2026-10-30') }, context)),
    ).toEqual(['appealDeterminedOn']);
  });

  it('withdraws a decision, keeping the record of it', () => {
    const decided = planOf(recordCeaseDecision(plan, decision, context));
    const withdrawn = planOf(withdrawCeaseDecision(decided, { withdrawnOn: d('2026-10-01') }, context));
    expect(withdrawn.ceaseDecision).toBeUndefined();
    expect(withdrawn.changes.map((c) => c.kind)).toEqual(['cease-decision', 'cease-decision-withdrawn']);
    expect(fields(withdrawCeaseDecision(plan, { withdrawnOn: d('2026-10-01') }, context))).toEqual([
      'withdrawnOn',
    ]);
  });
});
