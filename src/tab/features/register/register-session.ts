import type { QueryClient } from '@tanstack/react-query';
import type { ApiClient } from '../../api/api-client.ts';
import { NO_FILTERS, registerQuery, type RegisterFilters } from './api/get-register.ts';
import type { SortDirection } from './components/register-grid.tsx';

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

/**
 * Asks for the register's first page as soon as there is a token, alongside `/api/me` rather than after it and
 * after the page's code: with the filters the page will open with, so the page finds the answer in the cache.
 */
export function prefetchRegister(client: QueryClient, api: ApiClient, upn: string): void {
  void client.prefetchQuery(registerQuery(api, loadPersisted(upn).filters));
}
