import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { Pupil } from '../../domain/pupil.schema.ts';
import { pupilDisplayName } from '../../domain/pupil.schema.ts';
import { pupilAccess } from '../access/access-policy.ts';
import type { Caller } from '../access/caller.ts';

/**
 * Finding pupils for the message extension: only the pupils the person may see under the API's own rule
 * (pupilAccess), matched on their names. The query is people's typing, never passed on to SharePoint or
 * Graph: quotes, OData or 5,000 characters are just characters that match no name.
 */

/** Longest query read; the rest is ignored. */
export const MAX_QUERY_LENGTH = 100;
/** Words of a query that are matched; more cannot narrow a name further. */
const MAX_QUERY_WORDS = 5;
/** Teams asks for 25 results a page; we never send more than this. */
export const MAX_RESULTS = 25;

/** Lower case, accents dropped, apostrophes removed, anything else not a letter or digit a space. */
export function searchWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase('en-GB')
    .replace(/['’‘`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
}

/** The words of a query as typed: whatever it is, a short list of words (none for blank or non-text). */
export function queryWords(raw: unknown): string[] {
  if (typeof raw !== 'string') return [];
  return searchWords(raw.slice(0, MAX_QUERY_LENGTH * 4))
    .join(' ')
    .slice(0, MAX_QUERY_LENGTH)
    .split(' ')
    .filter((w) => w !== '')
    .slice(0, MAX_QUERY_WORDS);
}

const nameWordsCache = new WeakMap<Pupil, string[]>();
function nameWords(pupil: Pupil): string[] {
  let words = nameWordsCache.get(pupil);
  if (!words) {
    words = searchWords([pupil.preferredForename ?? '', pupil.legalForename, pupil.legalSurname].join(' '));
    nameWordsCache.set(pupil, words);
  }
  return words;
}

/** Every query word starts one of the pupil's name words. */
export function nameMatches(pupil: Pupil, words: readonly string[]): boolean {
  const names = nameWords(pupil);
  return words.every((w) => names.some((n) => n.startsWith(w)));
}

const collator = new Intl.Collator('en-GB', { sensitivity: 'base' });

/**
 * The pupils the caller may see whose names match the query, by name; with no words, all of them (what
 * `initialRun` shows: the SEND team the register, teachers their classes' pupils with SEND, TAs theirs).
 */
export function findPupils(input: {
  caller: Caller;
  pupils: readonly Pupil[];
  today: CalendarDate;
  words: readonly string[];
  skip?: number;
  count?: number;
}): { pupils: Pupil[]; total: number } {
  const matched = input.pupils.filter(
    (p) =>
      (input.words.length === 0 || nameMatches(p, input.words)) &&
      pupilAccess(input.caller, p, input.today) !== 'none',
  );
  const named = matched.map((p) => ({ p, name: pupilDisplayName(p) }));
  named.sort((a, b) => collator.compare(a.name, b.name) || a.p.id.localeCompare(b.p.id));
  const skip = wholeNumber(input.skip, 0, 0, 10_000);
  const count = wholeNumber(input.count, MAX_RESULTS, 1, MAX_RESULTS);
  return { pupils: named.slice(skip, skip + count).map((n) => n.p), total: matched.length };
}

function wholeNumber(value: unknown, fallback: number, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) return fallback;
  return Math.min(max, Math.max(min, value));
}
