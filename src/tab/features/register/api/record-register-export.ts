import { useMutation } from '@tanstack/react-query';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';

/**
 * POST /api/register/exports: tells the server the SENCO is exporting the register, so the audit log shows
 * who took which pupils' records away. The file is made in the browser only once this has succeeded.
 */
export type RegisterExport = { format: 'csv'; rows: number; view: string };

export function recordRegisterExport(api: ApiClient, input: RegisterExport): Promise<unknown> {
  return api.post<unknown>('/api/register/exports', input);
}

export function useRecordRegisterExport() {
  const { api } = useApiSession();
  return useMutation({ mutationFn: (input: RegisterExport) => recordRegisterExport(api, input) });
}
