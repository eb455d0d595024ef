import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CalendarDate } from '../../../../domain/calendar-date.ts';
import type { SenNeedCode } from '../../../../domain/needs.ts';
import type { SenProvisionCode } from '../../../../domain/sen-status.ts';
import type { NeedsBody, SenStatusBody } from '../../../../contract/pupils.ts';
import { ApiError, type ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { pupilHistoryKey, type PupilHistory } from './get-pupil-history.ts';

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
  if (!(error instanceof ApiError) || error.status !== 409) return undefined;
  const body = (error.body ?? {}) as {
    changedBy?: string | null;
    changedAt?: string | null;
    current?: { value: StoredSenRecord; eTag: string } | null;
  };
  return {
    changedBy: body.changedBy ?? null,
    changedAt: body.changedAt ?? null,
    current: body.current ?? null,
  };
}

/** Saves a change; the history shown becomes the one the server answers, and the record and register refetch. */
export function useSaveSenRecord() {
  const { api } = useApiSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SenRecordChange) => saveSenRecord(api, input),
    onSuccess: (history) => {
      queryClient.setQueryData<PupilHistory>(pupilHistoryKey(history.pupilId), history);
    },
    onSettled: async (_data, _error, input) => {
      await Promise.all([
        // The pupil's header (status badge, primary need) and everything listing pupils.
        queryClient.invalidateQueries({ queryKey: ['pupils', input.pupilId], exact: true }),
        queryClient.invalidateQueries({ queryKey: pupilHistoryKey(input.pupilId) }),
        queryClient.invalidateQueries({ queryKey: ['register'] }),
        queryClient.invalidateQueries({ queryKey: ['classes'] }),
      ]);
    },
  });
}

export { fieldErrorsOf } from '../../../api/field-errors.ts';
