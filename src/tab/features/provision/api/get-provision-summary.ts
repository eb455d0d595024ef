import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CalendarDate } from '../../../../domain/calendar-date.ts';
import type { BroadAreaOfNeed } from '../../../../domain/needs.ts';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';

/** GET /api/provision/summary: costs and impact with no pupil in them (SEND team and headteacher). */
export type ProvisionSummary = {
  asOf: CalendarDate;
  totalCost: number;
  byAreaOfNeed: Record<BroadAreaOfNeed, number>;
  interventions: {
    id: string;
    name: string;
    areaOfNeed: BroadAreaOfNeed;
    pupilCount: number;
    cost: number;
    costPerPupil: number | null;
    measured: number;
    improved: number;
    improvedPercent: number | null;
    attendancePercent: number | null;
  }[];
  /** The school's notional SEN budget for the financial year, in pounds; null until the SENCO sets it. */
  notionalSenBudget: number | null;
};

export function provisionSummaryQuery(api: ApiClient) {
  return queryOptions({
    queryKey: ['provision', 'summary'] as const,
    queryFn: () => api.get<ProvisionSummary>('/api/provision/summary'),
  });
}

export function useProvisionSummary(options?: { enabled?: boolean }) {
  const { api } = useApiSession();
  return useQuery({ ...provisionSummaryQuery(api), enabled: options?.enabled ?? true });
}
