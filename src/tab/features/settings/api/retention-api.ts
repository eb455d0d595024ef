import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RetentionAnswer, RetentionRunAnswer } from '../../../../contract/retention.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { settingsKeys } from './keys.ts';

/** Retention of SEND records: who is due for deletion, legal holds, deleting now. */

export function useRetention() {
  const { api } = useApiSession();
  return useQuery({ queryKey: settingsKeys.retention, queryFn: () => api.get<RetentionAnswer>('/api/retention') });
}

export function useRetentionHold() {
  const { api } = useApiSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { pupilId: string; reason: string | null; eTag: string }) =>
      api.put<RetentionAnswer>(
        `/api/retention/holds/${encodeURIComponent(input.pupilId)}`,
        { reason: input.reason, expectedETag: input.eTag },
        { headers: { 'If-Match': input.eTag } },
      ),
    onSuccess: (answer) => queryClient.setQueryData(settingsKeys.retention, answer),
    // Holds live in the settings: their version has moved on.
    onSettled: () => queryClient.invalidateQueries({ queryKey: settingsKeys.school }),
  });
}

export function useRetentionRun() {
  const { api } = useApiSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<RetentionRunAnswer>('/api/retention/run', {}),
    onSettled: () => queryClient.invalidateQueries({ queryKey: settingsKeys.retention }),
  });
}
