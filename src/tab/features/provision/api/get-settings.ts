import { queryOptions, useQuery } from '@tanstack/react-query';
import type { DomainSettings } from '../../../../domain/domain-settings.ts';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';

/** GET /api/settings: the school's settings and their version (the SENCO only). */
export type SettingsAnswer = {
  settings: DomainSettings;
  eTag: string;
  modifiedAt: string;
  modifiedBy: string | null;
};

export const settingsKey = ['settings'] as const;

export function settingsQuery(api: ApiClient) {
  return queryOptions({
    queryKey: settingsKey,
    queryFn: () => api.get<SettingsAnswer>('/api/settings'),
  });
}

export function useSettings(options?: { enabled?: boolean }) {
  const { api } = useApiSession();
  return useQuery({ ...settingsQuery(api), enabled: options?.enabled ?? true });
}
