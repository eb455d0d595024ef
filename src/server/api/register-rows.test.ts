import { buildEhcpPupil, buildSenSupportPupil, d, validUpn } from '../../domain/testing/builders.ts';
import type { Caller } from '../access/caller.ts';
import { createPageMemo, createRegisterRowsCache, searchable } from './register-rows.ts';
import { createFakeRecords } from './testing/fake-records.ts';

const ava = buildEhcpPupil({ id: 'ava', upn: validUpn(1111), legalSurname: 'Brown', classIds: ['willow'] });
const ben = buildSenSupportPupil({ id: 'ben', upn: validUpn(2222), legalSurname: 'Cole', classIds: ['oak'] });
const classes = [
  { id: 'willow', displayName: 'Willow' },
  { id: 'oak', displayName: 'Oak' },
];

const senco: Caller = {
  userId: 'senco',
  upn: 'senco@school.example',
  name: 'Sam Senco',
  roles: ['Senco'],
  person: 'staff',
  taughtClasses: [],
  taughtPupilUpns: new Set(),
  assignedPupilIds: new Set(),
};
const teacherOf = (userId: string, upns: string[]): Caller => ({
  ...senco,
  userId,
  roles: [],
  taughtClasses: [{ id: 'willow', displayName: 'Willow' }],
  taughtPupilUpns: new Set(upns),
});

/** Fake records that count how often the register is built from them. */
function countedRecords() {
  const records = createFakeRecords({ pupils: [ava, ben] });
  let builds = 0;
  const counted = {
    ...records,
    pupils: () => {
      builds += 1;
      return records.pupils();
    },
  };
  return { records, counted, builds: () => builds };
}

describe('the register rows cache', () => {
  const today = d('2026-11-23');

  it('builds the rows once and reuses them for every sort and request until something changes', () => {
    const { counted, builds } = countedRecords();
    const cache = createRegisterRowsCache(counted);
    const first = cache.rows({ caller: senco, today, classes, sort: 'name' });
    expect(first.map((l) => l.row.id)).toEqual(['ava', 'ben']);
    cache.rows({ caller: senco, today, classes, sort: 'name' });
    cache.rows({ caller: { ...senco, userId: 'another-senco' }, today, classes, sort: 'status' });
    expect(builds()).toBe(1);
  });

  it('is rebuilt when the records change', async () => {
    const { records, counted, builds } = countedRecords();
    const cache = createRegisterRowsCache(counted);
    const before = cache.rows({ caller: senco, today, classes, sort: 'name' });
    expect(before.find((l) => l.row.id === 'ben')?.row.senStatus).toBe('K');
    const current = records.pupilRecord('ben')!;
    await records.savePupilSen({
      pupilId: 'ben',
      senProvision: [
        ...current.value.senProvision.map((p) => ({ ...p, endOn: p.endOn ?? d('2026-11-22') })),
        { code: 'N' as const, startOn: d('2026-11-23') },
      ],
      needs: current.value.needs,
      expectedETag: current.eTag,
      by: { userId: 'senco', upn: 'senco@school.example', name: 'Sam Senco' },
      audit: {
        at: '2026-11-23T09:00:00Z',
        actor: { userId: 'senco', upn: 'x' },
        action: 'update',
        resource: 'pupil',
      },
    });
    const after = cache.rows({ caller: senco, today, classes, sort: 'name' });
    expect(builds()).toBe(2);
    expect(after.find((l) => l.row.id === 'ben')?.row.senStatus).toBe('N');
  });

  it('is rebuilt on a new day, when review dates and statuses move on', () => {
    const { counted, builds } = countedRecords();
    const cache = createRegisterRowsCache(counted);
    cache.rows({ caller: senco, today, classes, sort: 'name' });
    cache.rows({ caller: senco, today: d('2026-11-24'), classes, sort: 'name' });
    expect(builds()).toBe(2);
  });

  it('is rebuilt when the class names change', () => {
    const { counted } = countedRecords();
    const cache = createRegisterRowsCache(counted);
    cache.rows({ caller: senco, today, classes, sort: 'name' });
    const renamed = [{ id: 'willow', displayName: 'Willow Class' }, classes[1]!];
    const rows = cache.rows({ caller: senco, today, classes: renamed, sort: 'name' });
    expect(rows[0]?.row.classes).toEqual([{ id: 'willow', displayName: 'Willow Class' }]);
  });

  it('never gives a teacher the SEND team’s rows, nor another teacher’s', () => {
    const { counted } = countedRecords();
    const cache = createRegisterRowsCache(counted);
    cache.rows({ caller: senco, today, classes, sort: 'name' });
    const tom = cache.rows({ caller: teacherOf('tom', [ava.upn]), today, classes, sort: 'name' });
    expect(tom.map((l) => [l.row.id, l.row.access])).toEqual([['ava', 'class']]);
    expect(tom[0]?.row).not.toHaveProperty('primaryNeed');
    expect(tom[0]?.searchTexts).toEqual([searchable(tom[0]!.row.displayName)]);
    const uma = cache.rows({ caller: teacherOf('uma', [ben.upn]), today, classes, sort: 'name' });
    expect(uma.map((l) => l.row.id)).toEqual(['ben']);
    // The same teacher with a new class (the roster changed) gets rows for what they teach now.
    const tomLater = cache.rows({
      caller: teacherOf('tom', [ava.upn, ben.upn]),
      today,
      classes,
      sort: 'name',
    });
    expect(tomLater.map((l) => l.row.id)).toEqual(['ava', 'ben']);
    // And the SEND team's rows are still the full ones.
    const again = cache.rows({ caller: senco, today, classes, sort: 'name' });
    expect(again.every((l) => l.row.access === 'full')).toBe(true);
  });

  it('does not let class staff find a pupil by what only the SEND team sees', () => {
    const { counted } = countedRecords();
    const cache = createRegisterRowsCache(counted);
    const [full] = cache.rows({ caller: senco, today, classes, sort: 'name' });
    expect(full?.searchTexts).toContain(ava.upn.toLowerCase());
    const [tom] = cache.rows({ caller: teacherOf('tom', [ava.upn]), today, classes, sort: 'name' });
    expect(tom?.searchTexts).not.toContain(ava.upn.toLowerCase());
  });
});

describe('answered pages of the register', () => {
  const today = d('2026-11-23');
  it('makes a page once per rows and query, whatever the order of the query, and again for new rows', () => {
    const { counted } = countedRecords();
    const cache = createRegisterRowsCache(counted);
    const rows = cache.rows({ caller: senco, today, classes, sort: 'name' });
    const memo = createPageMemo<{ made: number }>();
    let made = 0;
    const make = () => ({ made: ++made });
    expect(memo.answer(rows, { sort: 'name', limit: 500 }, make)).toEqual({ made: 1 });
    expect(memo.answer(rows, { limit: 500, sort: 'name' }, make)).toEqual({ made: 1 });
    expect(memo.answer(rows, { sort: 'name', limit: 500, q: 'ava' }, make)).toEqual({ made: 2 });
    // Other rows (the records changed, a new day, another scope or sort): made again.
    const otherRows = cache.rows({ caller: senco, today, classes, sort: 'year' });
    expect(memo.answer(otherRows, { sort: 'name', limit: 500 }, make)).toEqual({ made: 3 });
  });

  it('keeps a handful of pages per view, letting the least recently used go', () => {
    const { counted } = countedRecords();
    const rows = createRegisterRowsCache(counted).rows({ caller: senco, today, classes, sort: 'name' });
    const memo = createPageMemo<number>();
    let made = 0;
    for (let offset = 0; offset < 9; offset += 1) memo.answer(rows, { offset }, () => ++made);
    expect(made).toBe(9);
    memo.answer(rows, { offset: 8 }, () => ++made);
    expect(made).toBe(9);
    memo.answer(rows, { offset: 0 }, () => ++made);
    expect(made).toBe(10);
  });
});
