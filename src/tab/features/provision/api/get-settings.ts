import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SettingsAnswer } from '../../../../contract/settings.ts';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { provisionKeys } from './keys.ts';

export type { SettingsAnswer };

/** GET /api/settings: the school's settings and their version (the SENCO only). */
export function settingsQuery(api: ApiClient) {
  return queryOptions({
    queryKey: provisionKeys.schoolSettings,
    queryFn: () => api.get<SettingsAnswer>('/api/settings'),
  });
}

export function useSettings(options?: { enabled?: boolean }) {
  const { api } = useApiSession();
  return useQuery({ ...settingsQuery(api), enabled: options?.enabled ?? true });
}
