import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Passport, PassportContent } from '../../../../domain/passport.schema.ts';
import { ApiError, type ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import type {
  FullPassportAnswer,
  PassportAnswer,
  SavedPassportAnswer,
  SavePassportBody,
} from '../../../../contract/passports.ts';
import { passportKey } from '../../../api/passport.ts';
import { sharedKeys } from '../../../api/query-keys.ts';

export type SavePassportInput = {
  pupilId: string;
  content: PassportContent;
  /** The version this edit was made from; absent only for a pupil's first passport. */
  expectedETag: string | null;
};

/** What a 409 says: the version someone else saved meanwhile, who and when. */
export type PassportConflict = {
  current: { value: Passport; eTag: string; modifiedAt: string; modifiedBy: string | null } | null;
  changedBy: string | null;
  changedAt: string | null;
};

export function passportConflictOf(error: unknown): PassportConflict | undefined {
  if (!(error instanceof ApiError) || error.status !== 409) return undefined;
  const body = (error.body ?? {}) as Partial<PassportConflict> & { error?: Partial<PassportConflict> };
  const current = body.current ?? body.error?.current ?? null;
  return {
    current,
    changedBy: body.changedBy ?? body.error?.changedBy ?? current?.modifiedBy ?? null,
    changedAt: body.changedAt ?? body.error?.changedAt ?? current?.modifiedAt ?? null,
  };
}

/** PUT /api/pupils/{id}/passport: a new version, made from the version the editor started with. */
export function savePassport(api: ApiClient, input: SavePassportInput): Promise<SavedPassportAnswer> {
  const body: SavePassportBody = {
    ...input.content,
    ...(input.expectedETag ? { expectedETag: input.expectedETag } : {}),
  };
  return api.put<SavedPassportAnswer>(
    `/api/pupils/${encodeURIComponent(input.pupilId)}/passport`,
    body,
    input.expectedETag ? { headers: { 'If-Match': input.expectedETag } } : undefined,
  );
}

/**
 * Saves a passport. The cached passport shows the new content straight away and goes back to what it was if
 * the save fails; on success the pupil's record, the register and the history are refetched.
 */
export function useSavePassport() {
  const { api } = useApiSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SavePassportInput) => savePassport(api, input),
    onMutate: async (input) => {
      const key = passportKey(input.pupilId);
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<PassportAnswer>(key);
      if (previous?.passport) {
        queryClient.setQueryData<PassportAnswer>(key, {
          ...previous,
          passport: { ...previous.passport, ...input.content },
        } as PassportAnswer);
      }
      return { previous };
    },
    onError: (_error, input, context) => {
      if (context?.previous) queryClient.setQueryData(passportKey(input.pupilId), context.previous);
    },
    onSuccess: (saved) => {
      const answer: FullPassportAnswer = {
        pupilId: saved.pupilId,
        passport: saved.passport,
        eTag: saved.eTag,
        modifiedAt: saved.modifiedAt,
        modifiedBy: saved.modifiedBy,
        // Refetched straight after (onSettled); until then the new version has no review step of its own.
        reviewStep: null,
        // Staff confirmed reading an earlier version; the new one is unread.
        acknowledgements: [],
        myAcknowledgement: null,
      };
      queryClient.setQueryData<PassportAnswer>(passportKey(saved.pupilId), answer);
    },
    onSettled: async (_data, _error, input) => {
      await Promise.all([
        // Everything about the pupil (their record shows the passport's state), and the lists of pupils.
        queryClient.invalidateQueries({ queryKey: sharedKeys.pupil(input.pupilId) }),
        queryClient.invalidateQueries({ queryKey: sharedKeys.register }),
        queryClient.invalidateQueries({ queryKey: sharedKeys.classes }),
      ]);
    },
  });
}
