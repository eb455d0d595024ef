import type { QueryClient } from '@tanstack/react-query';
import type { ApiClient } from '../../api/api-client.ts';
import { registerQuery } from './api/get-register.ts';
import { loadPersisted } from './api/register-request.ts';

export { loadPersisted, sessionKey, type Persisted } from './api/register-request.ts';

/**
 * Asks for the register's first page as soon as there is a token, alongside `/api/me` rather than after it and
 * after the page's code: with the filters the page will open with, so the page finds the answer in the cache.
 */
export function prefetchRegister(client: QueryClient, api: ApiClient, upn: string): void {
  void client.prefetchQuery(registerQuery(api, loadPersisted(upn).filters));
}
