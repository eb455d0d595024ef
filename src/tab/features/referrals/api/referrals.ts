import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ProfessionalAnswer,
  ProfessionalCreateBody,
  ReferralAnswer,
  ReferralCreateBody,
  ReferralUpdateBody,
  ReferralsAnswer,
} from '../../../../contract/professionals.ts';
import type { Referral } from '../../../../domain/referral.schema.ts';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { sharedKeys } from '../../../api/query-keys.ts';
import { referralKeys } from './keys.ts';
import { conflictOf, type Conflict } from '../../../api/error-answers.ts';

/** Professionals and referrals (src/server/api/referral-routes.ts). */

const pupilPath = (pupilId: string) => `/api/pupils/${encodeURIComponent(pupilId)}`;

export function referralsQuery(api: ApiClient, pupilId: string) {
  return queryOptions({
    queryKey: referralKeys.list(pupilId),
    queryFn: () => api.get<ReferralsAnswer>(`${pupilPath(pupilId)}/referrals`),
  });
}

export function useReferrals(pupilId: string) {
  const { api } = useApiSession();
  return useQuery(referralsQuery(api, pupilId));
}

/** POST /api/professionals with the pupil: added and linked to them in one go. */
export function useAddProfessional() {
  const { api } = useApiSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ProfessionalCreateBody) => api.post<ProfessionalAnswer>('/api/professionals', body),
    onSettled: async (_d, _e, body) => {
      if (body.pupilId)
        await queryClient.invalidateQueries({ queryKey: sharedKeys.professionals(body.pupilId) });
    },
  });
}

export type ReferralRequest =
  | { kind: 'create'; pupilId: string; body: ReferralCreateBody }
  | { kind: 'update'; pupilId: string; referralId: string; body: ReferralUpdateBody };

export function useSaveReferral() {
  const { api } = useApiSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ReferralRequest): Promise<ReferralAnswer> =>
      request.kind === 'create'
        ? api.post(`${pupilPath(request.pupilId)}/referrals`, request.body)
        : api.put(
            `${pupilPath(request.pupilId)}/referrals/${encodeURIComponent(request.referralId)}`,
            request.body,
            request.body.expectedETag ? { headers: { 'If-Match': request.body.expectedETag } } : undefined,
          ),
    onSettled: async (_d, _e, request) => {
      // The home view lists referrals whose response is overdue.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: referralKeys.list(request.pupilId) }),
        queryClient.invalidateQueries({ queryKey: sharedKeys.dueWork }),
      ]);
    },
  });
}

/** A 409: the referral as now stored and who saved it. */
export type ReferralConflict = Conflict<Referral>;

export function referralConflictOf(error: unknown): ReferralConflict | undefined {
  return conflictOf<Referral>(error);
}

export { fieldErrorsOf, schemaErrorsOf } from '../../../api/field-errors.ts';
