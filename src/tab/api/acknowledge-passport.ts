import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { ApiClient } from './api-client.ts';
import { useApiSession } from './api-context.tsx';
import type {
  AcknowledgementAnswer,
  AcknowledgePassportBody,
  PassportAnswer,
} from '../../contract/passports.ts';
import type { ClassPupilsAnswer } from '../../contract/pupils.ts';
import type { ClassPupilView } from '../../domain/pupil-views.ts';
import { passportKey } from './passport.ts';
import { pupilKey } from './pupil.ts';
import { sharedKeys } from './query-keys.ts';

/** POST /api/pupils/{id}/passport/acknowledgements: "I've read this" for one version. */
export type AcknowledgeInput = { pupilId: string; passportVersion: number };

export function acknowledgePassport(api: ApiClient, input: AcknowledgeInput) {
  const body: AcknowledgePassportBody = { passportVersion: input.passportVersion };
  return api.post<AcknowledgementAnswer>(
    `/api/pupils/${encodeURIComponent(input.pupilId)}/passport/acknowledgements`,
    body,
  );
}

/**
 * "I've read this". Shown as done at once wherever the pupil appears (their passport, the class view and the
 * pupil's record); put back if the server refuses, e.g. because the SENCO saved a newer version meanwhile.
 */
export function useAcknowledgePassport() {
  const { api } = useApiSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AcknowledgeInput) => acknowledgePassport(api, input),
    onMutate: async (input) => {
      const mine = { passportVersion: input.passportVersion, at: new Date().toISOString() };
      await queryClient.cancelQueries({ queryKey: sharedKeys.pupil(input.pupilId) });
      await queryClient.cancelQueries({ queryKey: sharedKeys.classes });
      const snapshots: [QueryKey, unknown][] = [];
      const remember = (key: QueryKey) => snapshots.push([key, queryClient.getQueryData(key)]);

      remember(passportKey(input.pupilId));
      queryClient.setQueryData<PassportAnswer>(passportKey(input.pupilId), (old) =>
        old ? { ...old, myAcknowledgement: mine } : old,
      );
      remember(pupilKey(input.pupilId));
      queryClient.setQueryData<{ myAcknowledgement: unknown }>(pupilKey(input.pupilId), (old) =>
        old ? { ...old, myAcknowledgement: mine } : old,
      );
      for (const [key, data] of queryClient.getQueriesData<ClassPupilsAnswer>({ queryKey: sharedKeys.classes })) {
        if (!data?.pupils.some((p) => p.id === input.pupilId)) continue;
        snapshots.push([key, data]);
        queryClient.setQueryData<ClassPupilsAnswer>(key, {
          ...data,
          pupils: data.pupils.map((p): ClassPupilView =>
            p.id === input.pupilId ? { ...p, myAcknowledgement: mine } : p,
          ),
        });
      }
      return { snapshots };
    },
    onError: (_error, _input, context) => {
      for (const [key, data] of context?.snapshots ?? []) queryClient.setQueryData(key, data);
    },
    onSettled: async (_data, _error, input) => {
      await queryClient.invalidateQueries({ queryKey: sharedKeys.pupil(input.pupilId) });
    },
  });
}
