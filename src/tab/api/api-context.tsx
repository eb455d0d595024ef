import { createContext, useContext, type ReactNode } from 'react';
import type { Me } from '../../domain/me-view.ts';
import type { ApiClient } from './api-client.ts';

/**
 * The signed-in session as features see it: the API client (with the user's token) and who they are.
 * Query keys start with the user's id, so switching demo user never shows the last user's answers.
 */
export type ApiSession = { api: ApiClient; me: Me };

const ApiSessionContext = createContext<ApiSession | undefined>(undefined);

export function ApiSessionProvider(props: ApiSession & { children: ReactNode }) {
  return (
    <ApiSessionContext.Provider value={{ api: props.api, me: props.me }}>
      {props.children}
    </ApiSessionContext.Provider>
  );
}

export function useApiSession(): ApiSession {
  const session = useContext(ApiSessionContext);
  if (!session) throw new Error('useApiSession must be used inside <ApiSessionProvider>');
  return session;
}
