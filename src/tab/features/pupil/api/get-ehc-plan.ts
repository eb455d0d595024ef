import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CalendarDate } from '../../../../domain/calendar-date.ts';
import type { EhcPlan } from '../../../../domain/ehc-plan.schema.ts';
import type { TimelineStep } from '../../../../domain/timeline-step.ts';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';

/** The timeline engine's answer (src/domain/ehc-plan-timeline.ts), as far as the tab reads it. */
export type EhcTimeline = {
  annualReview: { reviewDueBy: CalendarDate; latestMeetingOn?: CalendarDate; [key: string]: unknown };
  steps: TimelineStep[];
  warnings: string[];
};

/** GET /api/pupils/{id}/ehc-plan: the plan and every statutory date it sets, with rule, citation and status. */
export type EhcPlanAnswer =
  | { pupilId: string; today: CalendarDate; plan: null; timeline: null }
  | {
      pupilId: string;
      today: CalendarDate;
      plan: EhcPlan;
      eTag: string;
      modifiedAt: string;
      modifiedBy: string | null;
      timeline: EhcTimeline;
    };

export function ehcPlanQuery(api: ApiClient, pupilId: string) {
  return queryOptions({
    queryKey: ['pupils', pupilId, 'ehc-plan'] as const,
    queryFn: () => api.get<EhcPlanAnswer>(`/api/pupils/${encodeURIComponent(pupilId)}/ehc-plan`),
  });
}

export function useEhcPlan(pupilId: string) {
  const { api } = useApiSession();
  return useQuery(ehcPlanQuery(api, pupilId));
}
