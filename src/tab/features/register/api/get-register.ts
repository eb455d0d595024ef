import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { REGISTER_PAGE_LIMIT, type RegisterSort } from '../../../../contract/register-options.ts';
import type { RegisterPage } from '../../../../contract/register.ts';
import type { RegisterRow } from '../../../../domain/pupil-views.ts';
import { registerKeys } from './keys.ts';
import { FIRST_PAGE, registerPagePath, type RegisterFilters } from './register-request.ts';

export { FIRST_PAGE, NO_FILTERS, type RegisterFilters } from './register-request.ts';

export type { RegisterSort };

/** The rows so far: while `pupils.length < total` the later pages are still coming (see `isComplete`). */
export type Register = { total: number; pupils: RegisterRow[] };

export const isComplete = (register: Register) => register.pupils.length >= register.total;

const PAGE = REGISTER_PAGE_LIMIT;

/**
 * Every pupil matching the filters: the first 100, then the rest in parallel (a large school's register of 5,000
 * rows is six requests). `onFirstPage` hears of the first page as soon as it is here, so the register shows its
 * first rows while the rest load.
 */
export async function getRegister(
  api: ApiClient,
  filters: RegisterFilters,
  signal?: AbortSignal,
  onFirstPage?: (partial: Register) => void,
): Promise<Register> {
  const first = await api.get<RegisterPage>(registerPagePath(filters, FIRST_PAGE, 0), { signal });
  const offsets: number[] = [];
  for (let offset = FIRST_PAGE; offset < first.total; offset += PAGE) offsets.push(offset);
  if (offsets.length > 0 && !signal?.aborted) onFirstPage?.({ total: first.total, pupils: first.pupils });
  const rest = await Promise.all(
    offsets.map((offset) => api.get<RegisterPage>(registerPagePath(filters, PAGE, offset), { signal })),
  );
  return { total: first.total, pupils: [first, ...rest].flatMap((page) => page.pupils) };
}

export function registerQuery(api: ApiClient, filters: RegisterFilters) {
  return queryOptions({
    queryKey: registerKeys.list(filters),
    // The first page goes into the cache as it arrives (the query stays fetching), then the whole register.
    queryFn: ({ signal, client, queryKey }) =>
      getRegister(api, filters, signal, (partial) => client.setQueryData<Register>(queryKey, partial)),
  });
}

/** The register; while a new filter loads, the previous rows stay on screen (marked as updating). */
export function useRegister(filters: RegisterFilters) {
  const { api } = useApiSession();
  return useQuery({ ...registerQuery(api, filters), placeholderData: keepPreviousData });
}
