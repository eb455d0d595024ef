import type { PassportContent } from '../../../domain/passport.schema.ts';

/**
 * Unsaved passport edits, kept in this browser tab (sessionStorage: gone when the tab closes, never shared)
 * until they are saved or discarded, with the version they were made from so a save can still detect a
 * newer version saved meanwhile.
 */
export type PassportDraft = { eTag: string | null; base: PassportContent; draft: PassportContent };

const keyOf = (pupilId: string) => `sencohub.passportDraft.${pupilId}`;

function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    // Storage can be blocked in some frames: drafts then last as long as the page.
    return undefined;
  }
}

export function readDraft(pupilId: string): PassportDraft | undefined {
  try {
    const text = storage()?.getItem(keyOf(pupilId));
    if (!text) return undefined;
    const value = JSON.parse(text) as Partial<PassportDraft>;
    return value.base && value.draft
      ? { eTag: value.eTag ?? null, base: value.base, draft: value.draft }
      : undefined;
  } catch {
    return undefined;
  }
}

export function writeDraft(pupilId: string, draft: PassportDraft): void {
  try {
    storage()?.setItem(keyOf(pupilId), JSON.stringify(draft));
  } catch {
    // Full or blocked storage: the page still holds the edits.
  }
}

export function clearDraft(pupilId: string): void {
  try {
    storage()?.removeItem(keyOf(pupilId));
  } catch {
    // Nothing to clear.
  }
}
