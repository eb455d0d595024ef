import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Passport, PassportContent } from '../../../../domain/passport.schema.ts';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import type {
  FullPassportAnswer,
  PassportAnswer,
  SavedPassportAnswer,
  SavePassportBody,
} from '../../../../contract/passports.ts';
import { passportKey } from '../../../api/passport.ts';
import { sharedKeys } from '../../../api/query-keys.ts';
import { conflictOf, type Conflict } from '../../../api/error-answers.ts';

export type SavePassportInput = {
  pupilId: string;
  content: PassportContent;
  /** The version this edit was made from; absent only for a pupil's first passport. */
  expectedETag: string | null;
};

/** What a 409 says: the version someone else saved meanwhile, who and when. */
export type PassportConflict = Conflict<Passport>;

export function passportConflictOf(error: unknown): PassportConflict | undefined {
  return conflictOf<Passport>(error);
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
        // Everything about the pupil (their record shows the passport's state), the lists of pupils, and the
        // home view (a saved passport is reviewed: its review falls due later).
        queryClient.invalidateQueries({ queryKey: sharedKeys.pupil(input.pupilId) }),
        queryClient.invalidateQueries({ queryKey: sharedKeys.register }),
        queryClient.invalidateQueries({ queryKey: sharedKeys.classes }),
        queryClient.invalidateQueries({ queryKey: sharedKeys.dueWork }),
      ]);
    },
  });
}
