import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CalendarDate } from '../../../../domain/calendar-date.ts';
import type { TimelineStep } from '../../../../domain/timeline-step.ts';
import { queryString, type ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';

/** What a piece of due work is about, for grouping and wording on the SENCO's home. */
export type DueKind =
  | 'ehc-review'
  | 'invitations'
  | 'advice'
  | 'report'
  | 'la-decision'
  | 'phase-transfer'
  | 'sen-support-review'
  | 'passport'
  | 'other';

export type DueWorkItem = { pupilId: string; pupilName: string; kind: DueKind; step: TimelineStep };

/**
 * GET /api/due-work: every step across the register that is overdue or due within `within` days, from each
 * pupil's EHC plan timeline, SEN support plan and passport, most urgent first (SEND team).
 */
export type DueWork = { today: CalendarDate; within: number; items: DueWorkItem[] };

/** How far ahead home looks. */
export const DUE_WITHIN_DAYS = 42;

export function dueWorkQuery(api: ApiClient) {
  return queryOptions({
    queryKey: ['due-work', DUE_WITHIN_DAYS] as const,
    queryFn: () => api.get<DueWork>(`/api/due-work${queryString({ within: DUE_WITHIN_DAYS })}`),
  });
}

export function useDueWork() {
  const { api } = useApiSession();
  return useQuery(dueWorkQuery(api));
}
