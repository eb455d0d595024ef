import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { StaffSearchAnswer } from '../../../../contract/staff.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { provisionKeys } from './keys.ts';

/** GET /api/staff?search=…: staff whose name starts with what was typed (2 letters or more). */
export function useStaffSearch(text: string) {
  const { api } = useApiSession();
  const search = text.trim();
  return useQuery({
    queryKey: provisionKeys.staffSearch(search),
    queryFn: () => api.get<StaffSearchAnswer>(`/api/staff?search=${encodeURIComponent(search)}`),
    enabled: search.length >= 2,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}
