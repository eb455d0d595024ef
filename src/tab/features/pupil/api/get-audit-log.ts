import { queryOptions, useQuery } from '@tanstack/react-query';
import { queryString, type ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import type { AuditLogAnswer, AuditLogQueryParams } from '../../../../contract/audit.ts';
import { pupilKeys } from './keys.ts';

export type { AuditLogEntry } from '../../../../contract/audit.ts';

/** GET /api/audit?pupilId=: who read and changed a pupil's record, newest first (SENCO only). */
export function auditLogQuery(api: ApiClient, pupilId: string, limit = 200) {
  return queryOptions({
    queryKey: pupilKeys.audit(pupilId, limit),
    queryFn: () => {
      const params: AuditLogQueryParams = { pupilId, limit };
      return api.get<AuditLogAnswer>(`/api/audit${queryString(params)}`);
    },
    // Reading the record adds lines to the log: keep it fresh when the section is opened again.
    staleTime: 0,
  });
}

export function useAuditLog(pupilId: string) {
  const { api } = useApiSession();
  return useQuery(auditLogQuery(api, pupilId));
}
