import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CalendarDate } from '../../../../domain/calendar-date.ts';
import type { SenNeedCode } from '../../../../domain/needs.ts';
import type { SenProvisionCode } from '../../../../domain/sen-status.ts';
import type { NeedsBody, SenStatusBody } from '../../../../contract/pupils.ts';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import type { PupilHistory } from './get-pupil-history.ts';
import { sharedKeys } from '../../../api/query-keys.ts';
import { pupilKeys } from './keys.ts';
import { pupilKey } from '../../../api/pupil.ts';
import { conflictOf } from '../../../api/error-answers.ts';

/**
 * POST /api/pupils/{id}/sen-status and /needs: a change from a day, made from the version of the history the
 * dialog was opened on. Both answer the whole history, which replaces the cached one.
 */

export type SenStatusInput = { code: SenProvisionCode; from: CalendarDate };
export type NeedsInput = { primaryNeed: SenNeedCode; secondaryNeed: SenNeedCode | null; from: CalendarDate };

export type SenRecordChange =
  | { kind: 'sen-status'; pupilId: string; expectedETag: string; change: SenStatusInput }
  | { kind: 'needs'; pupilId: string; expectedETag: string; change: NeedsInput };

export function saveSenRecord(api: ApiClient, input: SenRecordChange): Promise<PupilHistory> {
  const body: SenStatusBody | NeedsBody = { ...input.change, expectedETag: input.expectedETag };
  return api.post<PupilHistory>(`/api/pupils/${encodeURIComponent(input.pupilId)}/${input.kind}`, body, {
    headers: { 'If-Match': input.expectedETag },
  });
}

/** The SEN status and needs as someone else saved them, sent with a 409 (never the whole pupil). */
export type StoredSenRecord = {
  senStatus: SenProvisionCode;
  primaryNeed: SenNeedCode | null;
  secondaryNeed: SenNeedCode | null;
};

/** A 409: who changed the pupil meanwhile, and when, with what is stored now and its version. */
export function senConflictOf(error: unknown):
  | {
      changedBy: string | null;
      changedAt: string | null;
      current: { value: StoredSenRecord; eTag: string } | null;
    }
  | undefined {
  const conflict = conflictOf<StoredSenRecord>(error);
  if (!conflict) return undefined;
  return {
    changedBy: conflict.changedBy,
    changedAt: conflict.changedAt,
    current: conflict.current && conflict.eTag ? { value: conflict.current.value, eTag: conflict.eTag } : null,
  };
}

/** Saves a change; the history shown becomes the one the server answers, and the record and register refetch. */
export function useSaveSenRecord() {
  const { api } = useApiSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SenRecordChange) => saveSenRecord(api, input),
    onSuccess: (history) => {
      queryClient.setQueryData<PupilHistory>(pupilKeys.history(history.pupilId), history);
    },
    onSettled: async (_data, _error, input) => {
      await Promise.all([
        // The pupil's header (status badge, primary need), everything listing pupils, and the home view's
        // due work (what is due depends on the status: an EHC plan's annual review, a support plan's).
        queryClient.invalidateQueries({ queryKey: pupilKey(input.pupilId) }),
        queryClient.invalidateQueries({ queryKey: pupilKeys.history(input.pupilId) }),
        queryClient.invalidateQueries({ queryKey: sharedKeys.register }),
        queryClient.invalidateQueries({ queryKey: sharedKeys.classes }),
        queryClient.invalidateQueries({ queryKey: sharedKeys.dueWork }),
      ]);
    },
  });
}

export { fieldErrorsOf } from '../../../api/field-errors.ts';
