import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CalendarDate } from '../../../../domain/calendar-date.ts';
import type { BroadAreaOfNeed, SenNeedCode } from '../../../../domain/needs.ts';
import type { AnySenProvisionCode, SenProvisionCode } from '../../../../domain/sen-status.ts';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';

/** GET /api/pupils/{id}/history: SEN status and needs over time (SEND team). */
export type PupilHistory = {
  pupilId: string;
  senStatus: SenProvisionCode;
  primaryNeed: SenNeedCode | null;
  secondaryNeed: SenNeedCode | null;
  senProvision: {
    code: AnySenProvisionCode;
    label: string;
    startOn: CalendarDate;
    endOn: CalendarDate | null;
  }[];
  needs: {
    code: SenNeedCode;
    description: string;
    broadArea: BroadAreaOfNeed;
    rank: 1 | 2;
    startOn: CalendarDate | null;
    endOn: CalendarDate | null;
  }[];
  /** The version a change quotes, and who last changed the status or needs in SENCO Hub. */
  eTag: string;
  modifiedAt: string | null;
  modifiedBy: string | null;
};

export const pupilHistoryKey = (pupilId: string) => ['pupils', pupilId, 'history'] as const;

export function pupilHistoryQuery(api: ApiClient, pupilId: string) {
  return queryOptions({
    queryKey: pupilHistoryKey(pupilId),
    queryFn: () => api.get<PupilHistory>(`/api/pupils/${encodeURIComponent(pupilId)}/history`),
  });
}

export function usePupilHistory(pupilId: string) {
  const { api } = useApiSession();
  return useQuery(pupilHistoryQuery(api, pupilId));
}
