import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { SenNeedCode } from '../../../../domain/needs.ts';
import type { PupilFlag } from '../../../../domain/register-analytics.ts';
import type { SenProvisionCode } from '../../../../domain/sen-status.ts';
import type { YearGroup } from '../../../../domain/year-group.ts';
import { queryString, type ApiClient } from '../../../api/api-client.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { REGISTER_PAGE_LIMIT, type RegisterSort } from '../../../../contract/register-options.ts';
import type { RegisterPage, RegisterQueryParams } from '../../../../contract/register.ts';
import type { RegisterRow } from '../../../../domain/pupil-views.ts';
import { registerKeys } from './keys.ts';

export type { RegisterSort };

/** The register's filters, as GET /api/pupils takes them. */
export type RegisterFilters = {
  q: string;
  year: YearGroup[];
  classId: string | undefined;
  status: SenProvisionCode[];
  need: SenNeedCode[];
  flag: PupilFlag[];
  sort: RegisterSort;
};

export const NO_FILTERS: RegisterFilters = {
  q: '',
  year: [],
  classId: undefined,
  status: [],
  need: [],
  flag: [],
  sort: 'name',
};

/** The rows so far: while `pupils.length < total` the later pages are still coming (see `isComplete`). */
export type Register = { total: number; pupils: RegisterRow[] };

export const isComplete = (register: Register) => register.pupils.length >= register.total;

const PAGE = REGISTER_PAGE_LIMIT;
/** The first page is small: a screenful and more, quick to send, read and draw; the rest follow in pages of 1,000. */
export const FIRST_PAGE = 100;

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
  const params: Partial<RegisterQueryParams> = {
    q: filters.q.trim() || undefined,
    year: filters.year,
    classId: filters.classId,
    status: filters.status,
    need: filters.need,
    flag: filters.flag,
    sort: filters.sort,
  };
  const first = await api.get<RegisterPage>(
    `/api/pupils${queryString({ ...params, limit: FIRST_PAGE, offset: 0 })}`,
    { signal },
  );
  const offsets: number[] = [];
  for (let offset = FIRST_PAGE; offset < first.total; offset += PAGE) offsets.push(offset);
  if (offsets.length > 0 && !signal?.aborted) onFirstPage?.({ total: first.total, pupils: first.pupils });
  const rest = await Promise.all(
    offsets.map((offset) =>
      api.get<RegisterPage>(`/api/pupils${queryString({ ...params, limit: PAGE, offset })}`, { signal }),
    ),
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
