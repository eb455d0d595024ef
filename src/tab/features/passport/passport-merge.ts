import { PASSPORT_CONTENT_FIELDS } from '../../../domain/passport.ts';
import type { Passport, PassportContent } from '../../../domain/passport.schema.ts';
import { PASSPORT_FIELD_LABELS, type PassportField } from '../../components/passport/passport-labels.ts';

export const PASSPORT_FIELDS = PASSPORT_CONTENT_FIELDS;

export { PASSPORT_FIELD_LABELS, type PassportField };

/** The editable part of a passport, with every field present. */
export function contentOf(passport: Partial<PassportContent> | null | undefined): PassportContent {
  return {
    aboutMe: passport?.aboutMe ?? '',
    strengths: [...(passport?.strengths ?? [])],
    whatIFindHard: [...(passport?.whatIFindHard ?? [])],
    whatHelpsMe: [...(passport?.whatHelpsMe ?? [])],
    communication: passport?.communication ?? undefined,
    accessArrangements: [...(passport?.accessArrangements ?? [])],
  };
}

/** What is sent: text trimmed, blank list items dropped, an empty "communication" left out. */
export function cleanContent(content: PassportContent): PassportContent {
  const list = (items: readonly string[]) => items.map((i) => i.trim()).filter((i) => i !== '');
  const communication = content.communication?.trim();
  return {
    aboutMe: content.aboutMe.trim(),
    strengths: list(content.strengths),
    whatIFindHard: list(content.whatIFindHard),
    whatHelpsMe: list(content.whatHelpsMe),
    ...(communication ? { communication } : {}),
    accessArrangements: list(content.accessArrangements),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function fieldEquals(a: PassportContent, b: PassportContent, field: PassportField): boolean {
  return same(cleanContent(a)[field], cleanContent(b)[field]);
}

export function changedFields(before: PassportContent, after: PassportContent): PassportField[] {
  return PASSPORT_FIELDS.filter((f) => !fieldEquals(before, after, f));
}

export type MergeResult = {
  /** Fields only the other person changed: theirs is taken. */
  theirs: PassportField[];
  /** Fields only you changed: yours is kept. */
  mine: PassportField[];
  /** Fields you both changed, differently: someone has to choose. */
  conflicts: PassportField[];
};

/**
 * A three-way comparison for a save that met someone else's newer version: from the version you started
 * with (`base`), your draft (`mine`) and the version now saved (`theirs`).
 */
export function comparePassportEdits(input: {
  base: PassportContent;
  mine: PassportContent;
  theirs: PassportContent;
}): MergeResult {
  const result: MergeResult = { theirs: [], mine: [], conflicts: [] };
  for (const field of PASSPORT_FIELDS) {
    const iChanged = !fieldEquals(input.base, input.mine, field);
    const theyChanged = !fieldEquals(input.base, input.theirs, field);
    if (iChanged && theyChanged && !fieldEquals(input.mine, input.theirs, field))
      result.conflicts.push(field);
    else if (theyChanged && !iChanged) result.theirs.push(field);
    else if (iChanged) result.mine.push(field);
  }
  return result;
}

/** The merged content, with each conflicting field taken from whichever side was chosen. */
export function mergePassportEdits(input: {
  mine: PassportContent;
  theirs: PassportContent;
  comparison: MergeResult;
  choices: Partial<Record<PassportField, 'mine' | 'theirs'>>;
}): PassportContent {
  const merged = contentOf(input.theirs);
  const take = (field: PassportField, from: PassportContent) => {
    (merged as Record<PassportField, unknown>)[field] = from[field];
  };
  for (const field of input.comparison.mine) take(field, input.mine);
  for (const field of input.comparison.conflicts) {
    take(field, (input.choices[field] ?? 'mine') === 'mine' ? input.mine : input.theirs);
  }
  return merged;
}

export type PassportBase = { content: PassportContent; eTag: string | null; version: number };

export function baseOf(passport: Passport | null, eTag: string | null): PassportBase {
  return { content: contentOf(passport), eTag, version: passport?.version ?? 0 };
}
