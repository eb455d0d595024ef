import type { Requester } from '../../../domain/ehc-plan.schema.ts';

/**
 * A needs assessment form's entries, kept in this browser tab (sessionStorage) until saved or cancelled, with
 * the version they were made from so a save still detects a newer one.
 */
export type AssessmentFormState = {
  requestedBy: Requester;
  requestedOn: string;
  receivedByLaOn: string;
  decision: '' | 'assess' | 'not-assess';
  decisionOn: string;
  draftPlanServedOn: string;
  finalPlanIssuedOn: string;
};

export type AssessmentDraft = { eTag: string | undefined; state: AssessmentFormState };

/** 'request' for a new request; the request's id for its milestones. */
export const draftKeyOf = (pupilId: string, which: string) =>
  `sencohub.needsAssessmentDraft.${which}.${pupilId}`;

function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

export function readAssessmentDraft(key: string): AssessmentDraft | undefined {
  try {
    const text = storage()?.getItem(key);
    if (!text) return undefined;
    const value = JSON.parse(text) as Partial<AssessmentDraft>;
    return value.state ? { eTag: value.eTag, state: value.state } : undefined;
  } catch {
    return undefined;
  }
}

export function writeAssessmentDraft(key: string, draft: AssessmentDraft): void {
  try {
    storage()?.setItem(key, JSON.stringify(draft));
  } catch {
    // Full or blocked storage: the page still holds the entries.
  }
}

export function clearAssessmentDraft(key: string): void {
  try {
    storage()?.removeItem(key);
  } catch {
    // Nothing stored.
  }
}

/** Drafts left open for this pupil: the form to reopen, if any. */
export function openDraftOf(pupilId: string, assessmentIds: string[]): string | undefined {
  return ['request', ...assessmentIds].find((w) => readAssessmentDraft(draftKeyOf(pupilId, w)));
}
