import type { SenNeedCode } from '../../../../domain/needs.ts';
import type { PupilFlag } from '../../../../domain/register-analytics.ts';
import type { SenProvisionCode } from '../../../../domain/sen-status.ts';
import type { YearGroup } from '../../../../domain/year-group.ts';
import { queryString } from '../../../api/api-client.ts';
import type { RegisterSort } from '../../../../contract/register-options.ts';
import type { RegisterQueryParams } from '../../../../contract/register.ts';
import type { SortDirection } from '../components/register-grid.tsx';

/**
 * What the register asks the server for, and with which filters it opens: no dependencies beyond the api
 * client's helpers, so the served page's early module (src/tab/app/early-start.ts) asks for the first page
 * with exactly the address the register's own query (get-register.ts) will ask for.
 */

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

/** The first page is small: a screenful and more, quick to send, read and draw; the rest follow in pages of 1,000. */
export const FIRST_PAGE = 100;

/** The address of one page of the register (GET /api/pupils) with these filters. */
export function registerPagePath(filters: RegisterFilters, limit: number, offset: number): string {
  const params: Partial<RegisterQueryParams> = {
    q: filters.q.trim() || undefined,
    year: filters.year,
    classId: filters.classId,
    status: filters.status,
    need: filters.need,
    flag: filters.flag,
    sort: filters.sort,
  };
  return `/api/pupils${queryString({ ...params, limit, offset })}`;
}

export type Persisted = { filters: RegisterFilters; direction: SortDirection };

export const sessionKey = (upn: string) => `sencohub.register.${upn.toLowerCase()}`;

/** Filters survive going into a pupil's record and back (this browser tab only). */
export function loadPersisted(upn: string): Persisted {
  try {
    const raw = sessionStorage.getItem(sessionKey(upn));
    if (raw) {
      const parsed = JSON.parse(raw) as Partial<Persisted>;
      return {
        filters: { ...NO_FILTERS, ...parsed.filters },
        direction: parsed.direction === 'descending' ? 'descending' : 'ascending',
      };
    }
  } catch {
    // Unavailable storage: start from no filters.
  }
  return { filters: NO_FILTERS, direction: 'ascending' };
}

/** The first page the register asks for when `upn` opens it: with the filters it opens with. */
export function openingRegisterPath(upn: string): string {
  return registerPagePath(loadPersisted(upn).filters, FIRST_PAGE, 0);
}
