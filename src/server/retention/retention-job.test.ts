import { buildPupil, buildSettings, d } from '../../domain/testing/builders.ts';
import type { DomainSettings } from '../../domain/domain-settings.ts';
import type { Pupil } from '../../domain/pupil.schema.ts';
import type { RollPupil } from '../../domain/roll.ts';
import type { Upn } from '../../domain/upn.ts';
import { createRetentionJob } from './retention-job.ts';

const upn = (text: string) => text as Upn;

const TODAY = d('2026-12-03');
const leaver = buildPupil({ id: 'leaver', upn: upn('A123456789012'), dateOfBirth: d('1990-05-01') });
const held = buildPupil({ id: 'held', upn: upn('B123456789012'), dateOfBirth: d('1991-05-01') });
const onRoll = buildPupil({ id: 'here', upn: upn('C123456789012'), dateOfBirth: d('1980-05-01') });
const young = buildPupil({ id: 'young', upn: upn('D123456789012'), dateOfBirth: d('2015-05-01') });
const roll: RollPupil[] = [{ upn: 'C123456789012', yearGroup: 'Y6', classIds: [] }];

function setup(input: { pupils: Pupil[]; roll?: RollPupil[]; settings?: DomainSettings }) {
  const calls: string[] = [];
  const erased: { pupilId: string; reason: string }[] = [];
  const job = createRetentionJob({
    records: {
      pupils: () => input.pupils,
      settings: () => ({
        value: input.settings ?? buildSettings(),
        eTag: '"1"',
        modifiedAt: '',
        modifiedBy: undefined,
      }),
    },
    roll: () => {
      calls.push('roll');
      return Promise.resolve(input.roll ?? roll);
    },
    deletion: () =>
      Promise.resolve({
        erase: (e: { pupilId: string; reason: string }) => {
          calls.push(`erase ${e.pupilId}`);
          erased.push({ pupilId: e.pupilId, reason: e.reason });
          return Promise.resolve({ pupilId: e.pupilId, itemsDeleted: 3, itemsChanged: 0 });
        },
      }),
    today: () => TODAY,
    now: () => new Date('2026-12-03T02:00:00Z'),
    refresh: () => {
      calls.push('refresh');
      return Promise.resolve();
    },
  });
  return { job, calls, erased };
}

describe('the retention check', () => {
  it('on the usual day (nobody’s period over) reads nothing but the records themselves', async () => {
    const { job, calls } = setup({ pupils: [young] });
    expect(await job.run()).toEqual({ deleted: [], held: 0 });
    expect(calls).toEqual(['refresh']);
  });

  it('deletes pupils off the roll whose period is over, keeps the held and those on roll, and says why without their data', async () => {
    const settings = buildSettings({
      retention: { holds: [{ pupilId: 'held', reason: 'Tribunal', since: TODAY, placedBy: 'K D' }] },
    });
    const { job, calls, erased } = setup({ pupils: [leaver, held, onRoll, young], settings });
    const report = await job.run();
    expect(report).toEqual({ deleted: [{ pupilId: 'leaver', itemsDeleted: 3, itemsChanged: 0 }], held: 1 });
    expect(calls).toEqual(['refresh', 'roll', 'erase leaver', 'refresh']);
    expect(erased[0]!.reason).toBe(
      'the school’s retention period (date of birth + 25 years) is over and the pupil is no longer on roll',
    );
  });

  it('deletes nothing when the roll could not be read: everyone would look as if they had left', async () => {
    const { job, calls } = setup({ pupils: [leaver, onRoll], roll: [] });
    expect(await job.run()).toEqual({ deleted: [], held: 0, skipped: 'empty-roll' });
    expect(calls).toEqual(['refresh', 'roll']);
  });

  it('runs once at a time: a second ask while one runs shares it', async () => {
    const { job, calls } = setup({ pupils: [leaver, onRoll] });
    const [a, b] = await Promise.all([job.run(), job.run()]);
    expect(a).toBe(b);
    expect(calls.filter((c) => c.startsWith('erase'))).toEqual(['erase leaver']);
  });
});
