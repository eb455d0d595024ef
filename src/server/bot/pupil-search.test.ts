import { buildPupil, buildSenSupportPupil, d } from '../../domain/testing/builders.ts';
import { buildCaller } from '../access/testing/callers.ts';
import { findPupils, MAX_QUERY_LENGTH, MAX_RESULTS, queryWords } from './pupil-search.ts';

const today = d('2026-12-02');
const senco = buildCaller({ roles: ['Senco'] });

describe('query words', () => {
  it('are names as typed, whatever else was typed', () => {
    expect(queryWords("  O'Brien  ")).toEqual(['obrien']);
    expect(queryWords('Zoë   Smith-Jones')).toEqual(['zoe', 'smith', 'jones']);
    expect(queryWords("fields/Surname eq 'x' or 1 eq 1")).toEqual(['fields', 'surname', 'eq', 'x', 'or']);
    expect(queryWords('"Sam"')).toEqual(['sam']);
    expect(queryWords('     ')).toEqual([]);
    expect(queryWords(undefined)).toEqual([]);
    expect(queryWords({ $filter: 'x' })).toEqual([]);
    const long = queryWords('a'.repeat(5000));
    expect(long).toHaveLength(1);
    expect(long[0]).toHaveLength(MAX_QUERY_LENGTH);
  });
});

describe('finding pupils', () => {
  const sam = buildSenSupportPupil({
    legalForename: 'Samuel',
    preferredForename: 'Sam',
    legalSurname: "O'Brien",
  });
  const zoe = buildSenSupportPupil({ legalForename: 'Zoë', legalSurname: 'Smith-Jones' });
  const notOnRegister = buildPupil({ legalForename: 'Sammy', legalSurname: 'Other' });
  const pupils = [sam, zoe, notOnRegister];

  it('matches the start of any name, ignoring case, accents and apostrophes', () => {
    const find = (q: string) =>
      findPupils({ caller: senco, pupils, today, words: queryWords(q) }).pupils.map((p) => p.id);
    expect(find('sam')).toEqual([sam.id, notOnRegister.id]);
    expect(find("o'bri")).toEqual([sam.id]);
    expect(find('obrien sam')).toEqual([sam.id]);
    expect(find('zoe jones')).toEqual([zoe.id]);
    expect(find('zoe brien')).toEqual([]);
  });

  it('lists only pupils the caller may see under the access policy', () => {
    const teacher = buildCaller({
      taughtPupilUpns: new Set([zoe.upn.toUpperCase(), notOnRegister.upn.toUpperCase()]),
    });
    expect(findPupils({ caller: teacher, pupils, today, words: [] }).pupils.map((p) => p.id)).toEqual([
      zoe.id,
    ]);
    const ta = buildCaller({ assignedPupilIds: new Set([notOnRegister.id]) });
    expect(findPupils({ caller: ta, pupils, today, words: [] }).pupils.map((p) => p.id)).toEqual([
      notOnRegister.id,
    ]);
    for (const caller of [
      buildCaller({ roles: ['Headteacher'] }),
      buildCaller(),
      buildCaller({ person: 'pupil', roles: ['Senco'] }),
    ]) {
      expect(findPupils({ caller, pupils, today, words: [] }).pupils).toEqual([]);
    }
  });

  it('pages by name, never more than Teams shows, whatever is asked', () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      buildSenSupportPupil({ legalForename: `Pat${String(i).padStart(2, '0')}` }),
    );
    const page = (skip: unknown, count: unknown) =>
      findPupils({
        caller: senco,
        pupils: many,
        today,
        words: [],
        skip: skip as number,
        count: count as number,
      });
    expect(page(0, 1e9).pupils).toHaveLength(MAX_RESULTS);
    expect(page(50, 25).pupils.map((p) => p.legalForename)).toEqual(
      many.slice(50).map((p) => p.legalForename),
    );
    expect(page(-3, 'x').pupils[0]!.legalForename).toBe('Pat00');
    expect(page(0, 25).total).toBe(60);
  });
});
