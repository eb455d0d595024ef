import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RemindersChannelAnswer, RolesAnswer, SettingsAnswer } from '../../../../contract/settings.ts';
import type { DomainSettings } from '../../../../domain/domain-settings.ts';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { settingsKeys } from './keys.ts';

/** The settings screen's queries (its own keys) and its one save. */

export function settingsQuery(api: ApiClient) {
  return queryOptions({
    queryKey: settingsKeys.school,
    queryFn: () => api.get<SettingsAnswer>('/api/settings'),
  });
}

export function useSchoolSettings() {
  const { api } = useApiSession();
  return useQuery(settingsQuery(api));
}

export function useRemindersChannel() {
  const { api } = useApiSession();
  return useQuery({
    queryKey: settingsKeys.channel,
    queryFn: () => api.get<RemindersChannelAnswer>('/api/settings/reminders-channel'),
  });
}

export function useRoles() {
  const { api } = useApiSession();
  return useQuery({
    queryKey: settingsKeys.roles,
    queryFn: () => api.get<RolesAnswer>('/api/settings/roles'),
  });
}

export function useSaveSettings() {
  const { api } = useApiSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { settings: DomainSettings; eTag: string }) =>
      api.put<SettingsAnswer>(
        '/api/settings',
        { settings: input.settings, expectedETag: input.eTag },
        { headers: { 'If-Match': input.eTag } },
      ),
    onSuccess: (saved) => queryClient.setQueryData(settingsKeys.school, saved),
    onSettled: () => queryClient.invalidateQueries({ queryKey: settingsKeys.all }),
  });
}
