import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import type { ClassPupilsAnswer } from '../../../../contract/pupils.ts';
import { classViewKeys } from './keys.ts';

/** GET /api/classes/{teamGroupId}/pupils: the class's pupils with SEND, as the caller may see them. */
export function classPupilsQuery(api: ApiClient, groupId: string) {
  return queryOptions({
    queryKey: classViewKeys.pupils(groupId),
    queryFn: () => api.get<ClassPupilsAnswer>(`/api/classes/${encodeURIComponent(groupId)}/pupils`),
  });
}

export function useClassPupils(groupId: string) {
  const { api } = useApiSession();
  return useQuery(classPupilsQuery(api, groupId));
}
