import type { EhcPlanOrigin, EhcOutcome, EhcProvision } from '../../../../domain/ehc-plan.schema.ts';

/**
 * Unsaved EHC plan edits, kept in this browser tab (sessionStorage: gone when the tab closes, never shared)
 * until saved or cancelled, with the version they were made from so a save still detects a newer one.
 */
export type PlanFormState = {
  localAuthority: string;
  coordinatorName: string;
  coordinatorEmail: string;
  placement: string;
  outcomes: EhcOutcome[];
  provision: EhcProvision[];
  issuedOn: string;
  origin: EhcPlanOrigin;
  lastAssessedOn: string;
  change: 'amended' | 're-issued';
  on: string;
  summary: string;
};

export type PlanDraft = { eTag: string | undefined; state: PlanFormState };

const keyOf = (pupilId: string, mode: string) => `sencohub.ehcPlanDraft.${mode}.${pupilId}`;

function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    // Storage can be blocked in some frames: drafts then last as long as the page.
    return undefined;
  }
}

export function readPlanDraft(pupilId: string, mode: string): PlanDraft | undefined {
  try {
    const text = storage()?.getItem(keyOf(pupilId, mode));
    if (!text) return undefined;
    const value = JSON.parse(text) as Partial<PlanDraft>;
    return value.state ? { eTag: value.eTag, state: value.state } : undefined;
  } catch {
    return undefined;
  }
}

export function writePlanDraft(pupilId: string, mode: string, draft: PlanDraft): void {
  try {
    storage()?.setItem(keyOf(pupilId, mode), JSON.stringify(draft));
  } catch {
    // Full or blocked storage: the page still holds the edits.
  }
}

export function clearPlanDraft(pupilId: string, mode: string): void {
  try {
    storage()?.removeItem(keyOf(pupilId, mode));
  } catch {
    // Nothing to clear.
  }
}
