import { createContext, useContext, type ReactNode } from 'react';
import type { TabHost } from './teams-host.ts';

const TabHostContext = createContext<TabHost | undefined>(undefined);

/** Gives components the host's actions (Teams or a browser), so they never call TeamsJS themselves. */
export function TabHostProvider(props: { host: TabHost; children: ReactNode }) {
  return <TabHostContext.Provider value={props.host}>{props.children}</TabHostContext.Provider>;
}

export function useTabHost(): TabHost {
  const host = useContext(TabHostContext);
  if (!host) throw new Error('useTabHost must be used inside <TabHostProvider>');
  return host;
}
