import { queryOptions, useQuery } from '@tanstack/react-query';
import { queryString, type ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';

/** One line of the audit log (src/graph/send-records.ts AuditEntry). */
export type AuditEntry = {
  id?: string;
  at: string;
  actor: { userId: string; upn: string };
  action: 'read' | 'create' | 'update' | 'delete' | 'acknowledge' | 'export';
  resource: string;
  pupilId?: string;
  detail?: string;
  from?: string;
};

/** GET /api/audit?pupilId=: who read and changed a pupil's record, newest first (SENCO only). */
export function auditLogQuery(api: ApiClient, pupilId: string, limit = 200) {
  return queryOptions({
    queryKey: ['pupils', pupilId, 'audit', limit] as const,
    queryFn: () => api.get<{ entries: AuditEntry[] }>(`/api/audit${queryString({ pupilId, limit })}`),
    // Reading the record adds lines to the log: keep it fresh when the section is opened again.
    staleTime: 0,
  });
}

export function useAuditLog(pupilId: string) {
  const { api } = useApiSession();
  return useQuery(auditLogQuery(api, pupilId));
}
