import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { DomainSettings } from '../../../../domain/domain-settings.ts';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import type { SettingsAnswer } from './get-settings.ts';
import { provisionKeys } from './keys.ts';

/**
 * PUT /api/settings with the notional SEN budget changed and every other setting as read, quoting the
 * version read. Undefined takes the budget out (the provision map then says it is not recorded).
 */
export type SaveNotionalBudgetInput = {
  current: SettingsAnswer;
  notionalSenBudget: number | undefined;
};

export function saveNotionalBudget(api: ApiClient, input: SaveNotionalBudgetInput) {
  const { notionalSenBudget: _previous, ...others } = input.current.settings;
  const settings: DomainSettings = {
    ...others,
    ...(input.notionalSenBudget !== undefined ? { notionalSenBudget: input.notionalSenBudget } : {}),
  };
  return api.put<SettingsAnswer>(
    '/api/settings',
    { settings, expectedETag: input.current.eTag },
    { headers: { 'If-Match': input.current.eTag } },
  );
}

export function useSaveNotionalBudget() {
  const { api } = useApiSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SaveNotionalBudgetInput) => saveNotionalBudget(api, input),
    onSuccess: (saved) => {
      queryClient.setQueryData(provisionKeys.schoolSettings, saved);
    },
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: provisionKeys.schoolSettings }),
        queryClient.invalidateQueries({ queryKey: provisionKeys.summary }),
      ]);
    },
  });
}
