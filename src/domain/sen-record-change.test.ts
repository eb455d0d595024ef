import { describe, expect, it } from 'vitest';
import {
  senRecordInOrder,
  changeSenStatus,
  recordNeeds,
  senHistoryComplete,
  senHistoryWrites,
  type SenRecord,
} from './sen-record-change.ts';
import { d } from './testing/builders.ts';

const today = d('2026-01-20');

const onSupport: SenRecord = {
  senProvision: [
    { code: 'N', startOn: d('2021-09-01'), endOn: d('2025-09-03') },
    { code: 'K', startOn: d('2025-09-03') },
  ],
  needs: [
    { code: 'SLCN', rank: 1, startOn: d('2025-09-03') },
    { code: 'SEMH', rank: 2 },
  ],
};

describe('changeSenStatus', () => {
  it('closes the open status on the day of the change and opens the new one', () => {
    const result = changeSenStatus(onSupport, { code: 'E', from: d('2026-01-12') }, today);
    expect(result).toEqual({
      ok: true,
      record: {
        senProvision: [
          { code: 'N', startOn: d('2021-09-01'), endOn: d('2025-09-03') },
          { code: 'K', startOn: d('2025-09-03'), endOn: d('2026-01-12') },
          { code: 'E', startOn: d('2026-01-12') },
        ],
        needs: onSupport.needs,
      },
    });
  });

  it('puts a pupil with no history on SEN support', () => {
    const result = changeSenStatus({ senProvision: [], needs: [] }, { code: 'K', from: today }, today);
    expect(result).toEqual({
      ok: true,
      record: { senProvision: [{ code: 'K', startOn: today }], needs: [] },
    });
  });

  it('ends the open needs when the pupil comes off the register', () => {
    const result = changeSenStatus(onSupport, { code: 'N', from: d('2026-01-19') }, today);
    expect(result.ok && result.record.needs).toEqual([
      { code: 'SLCN', rank: 1, startOn: d('2025-09-03'), endOn: d('2026-01-19') },
      { code: 'SEMH', rank: 2, endOn: d('2026-01-19') },
    ]);
  });

  it('refuses a change dated on the day of the last change (the boundary), naming that day', () => {
    expect(changeSenStatus(onSupport, { code: 'E', from: d('2025-09-03') }, today)).toEqual({
      ok: false,
      problems: [{ field: 'from', message: 'From date must be after the last change, on 3 September 2025' }],
    });
  });

  it('accepts a change dated today but not tomorrow', () => {
    expect(changeSenStatus(onSupport, { code: 'E', from: today }, today).ok).toBe(true);
    const tomorrow = changeSenStatus(onSupport, { code: 'E', from: d('2026-01-21') }, today);
    expect(!tomorrow.ok && tomorrow.problems.map((p) => p.field)).toEqual(['from']);
  });

  it('refuses recording the status the pupil already has', () => {
    const result = changeSenStatus(onSupport, { code: 'K', from: today }, today);
    expect(!result.ok && result.problems).toEqual([
      { field: 'code', message: 'The pupil is already recorded as SEN support (K)' },
    ]);
  });

  it('refuses to build on a history with two open periods', () => {
    const broken: SenRecord = {
      senProvision: [
        { code: 'K', startOn: d('2024-09-01') },
        { code: 'E', startOn: d('2025-01-01') },
      ],
      needs: [],
    };
    expect(changeSenStatus(broken, { code: 'N', from: today }, today).ok).toBe(false);
  });
});

describe('recordNeeds', () => {
  it('ends a changed primary need and starts the new one, leaving an unchanged secondary need open', () => {
    const result = recordNeeds(
      onSupport,
      { primaryNeed: 'ASD', secondaryNeed: 'SEMH', from: d('2026-01-12') },
      today,
    );
    expect(result).toEqual({
      ok: true,
      record: {
        senProvision: onSupport.senProvision,
        needs: [
          { code: 'SLCN', rank: 1, startOn: d('2025-09-03'), endOn: d('2026-01-12') },
          { code: 'SEMH', rank: 2 },
          { code: 'ASD', rank: 1, startOn: d('2026-01-12') },
        ],
      },
    });
  });

  it('ends the secondary need when none is given', () => {
    const result = recordNeeds(onSupport, { primaryNeed: 'SLCN', from: d('2026-01-12') }, today);
    expect(result.ok && result.record.needs).toEqual([
      { code: 'SLCN', rank: 1, startOn: d('2025-09-03') },
      { code: 'SEMH', rank: 2, endOn: d('2026-01-12') },
    ]);
  });

  it('refuses a pupil who is not on the register on the day', () => {
    const result = recordNeeds(onSupport, { primaryNeed: 'ASD', from: d('2025-06-01') }, today);
    expect(!result.ok && result.problems).toEqual([
      {
        field: 'from',
        message:
          'The pupil is not on the SEN register on 1 June 2025: record SEN support or an EHC plan from that day first',
      },
    ]);
  });

  it('refuses a change dated on the day the need it replaces was recorded', () => {
    const result = recordNeeds(
      onSupport,
      { primaryNeed: 'ASD', secondaryNeed: 'SEMH', from: d('2025-09-03') },
      today,
    );
    expect(!result.ok && result.problems).toEqual([
      {
        field: 'from',
        message:
          'From date must be after the current primary need (Speech, language and communication needs) was recorded, on 3 September 2025',
      },
    ]);
  });

  it('refuses the same need as primary and secondary, and no change at all', () => {
    const same = recordNeeds(onSupport, { primaryNeed: 'ASD', secondaryNeed: 'ASD', from: today }, today);
    expect(!same.ok && same.problems.map((p) => p.field)).toContain('secondaryNeed');
    const unchanged = recordNeeds(
      onSupport,
      { primaryNeed: 'SLCN', secondaryNeed: 'SEMH', from: today },
      today,
    );
    expect(!unchanged.ok && unchanged.problems.map((p) => p.field)).toEqual(['primaryNeed']);
  });

  it('refuses NSA beside another need, and for a pupil with an EHC plan', () => {
    const beside = recordNeeds(onSupport, { primaryNeed: 'NSA', secondaryNeed: 'SEMH', from: today }, today);
    expect(!beside.ok && beside.problems.map((p) => p.field)).toEqual(['secondaryNeed']);
    const ehcp: SenRecord = { senProvision: [{ code: 'E', startOn: d('2024-01-01') }], needs: [] };
    const withPlan = recordNeeds(ehcp, { primaryNeed: 'NSA', from: today }, today);
    expect(!withPlan.ok && withPlan.problems.map((p) => p.field)).toEqual(['primaryNeed']);
  });

  it('refuses a future date', () => {
    const result = recordNeeds(onSupport, { primaryNeed: 'ASD', from: d('2026-02-01') }, today);
    expect(!result.ok && result.problems.map((p) => p.field)).toEqual(['from']);
  });
});

describe('senHistoryWrites', () => {
  it('adds what is new and closes what ended: a status change is one add and one close', () => {
    const result = changeSenStatus(onSupport, { code: 'E', from: d('2026-01-12') }, today);
    if (!result.ok) throw new Error('unexpected problems');
    expect(senHistoryWrites(onSupport, result.record)).toEqual({
      addPeriods: [{ code: 'E', startOn: d('2026-01-12') }],
      closePeriods: [{ stored: { code: 'K', startOn: d('2025-09-03') }, endOn: d('2026-01-12') }],
      addNeeds: [],
      closeNeeds: [],
      problems: [],
    });
  });

  it('taking a pupil off the register closes their open needs too', () => {
    const result = changeSenStatus(onSupport, { code: 'N', from: d('2026-01-12') }, today);
    if (!result.ok) throw new Error('unexpected problems');
    const writes = senHistoryWrites(onSupport, result.record);
    expect(writes.closeNeeds.map((c) => [c.stored.code, c.endOn])).toEqual([
      ['SLCN', d('2026-01-12')],
      ['SEMH', d('2026-01-12')],
    ]);
    expect(writes.problems).toEqual([]);
  });

  it('refuses to remove, reopen or re-date history, naming the entry', () => {
    const closed: SenRecord = {
      senProvision: [{ code: 'K', startOn: d('2025-09-03'), endOn: d('2026-01-12') }],
      needs: [{ code: 'SLCN', rank: 1, startOn: d('2025-09-03') }],
    };
    const writes = senHistoryWrites(closed, {
      senProvision: [{ code: 'K', startOn: d('2025-09-03') }],
      needs: [],
    });
    expect(writes.problems).toEqual([
      'status period K from 2025-09-03 would be reopened',
      'primary need SLCN from 2025-09-03 would be removed',
    ]);
    expect(writes.closePeriods).toEqual([]);
    const redated = senHistoryWrites(closed, {
      senProvision: [{ code: 'K', startOn: d('2025-09-03'), endOn: d('2026-01-13') }],
      needs: closed.needs,
    });
    expect(redated.problems).toEqual([
      'status period K from 2025-09-03 would end on 2026-01-13 instead of 2026-01-12',
    ]);
  });

  it('an older record written after a newer one writes nothing that undoes the newer one', () => {
    const first = changeSenStatus(onSupport, { code: 'E', from: d('2026-01-12') }, today);
    if (!first.ok) throw new Error('unexpected problems');
    const second = changeSenStatus(first.record, { code: 'N', from: d('2026-01-19') }, today);
    if (!second.ok) throw new Error('unexpected problems');
    // The newer record is stored in full; finishing the older save late must change nothing.
    const late = senHistoryWrites(second.record, first.record);
    expect([late.addPeriods, late.closePeriods, late.addNeeds, late.closeNeeds]).toEqual([[], [], [], []]);
    expect(senHistoryComplete(second.record, second.record)).toBe(true);
    expect(senHistoryComplete(onSupport, first.record)).toBe(false);
  });
});

describe('senRecordInOrder', () => {
  it('lists status periods by start day and needs primary first, whatever order they were stored in', () => {
    const ordered = senRecordInOrder({
      senProvision: [
        { code: 'E' as const, startOn: d('2025-09-01') },
        { code: 'K' as const, startOn: d('2024-01-10'), endOn: d('2025-09-01') },
      ],
      needs: [
        { code: 'SLCN' as const, rank: 2 as const },
        { code: 'SEMH' as const, rank: 1 as const },
      ],
    });
    expect(ordered.senProvision.map((p) => p.code)).toEqual(['K', 'E']);
    expect(ordered.needs.map((n) => n.code)).toEqual(['SEMH', 'SLCN']);
  });
});
