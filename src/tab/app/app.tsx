import {
  FluentProvider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  makeStyles,
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  tokens,
} from '@fluentui/react-components';
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { AppHeader } from '../features/shell/app-header.tsx';
import { DemoUserSwitch } from '../features/shell/demo-user-switch.tsx';
import { Welcome } from '../features/shell/welcome.tsx';
import { notifyShown, onThemeChange, type HostContext, type ThemeName } from '../host/teams-host.ts';
import { ErrorBoundary } from './error-boundary.tsx';
import { rememberDemoUser, useMe, useSession } from './session.ts';

const themes = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };

const useStyles = makeStyles({
  // Page styles sit on an inner element: Fluent copies the provider's className onto its portal mount
  // node, and a full-height background there would cover the page and swallow clicks.
  page: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2 },
  main: { padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalXL}` },
  centre: { padding: tokens.spacingVerticalXXL },
});

export function createQueryClient() {
  // A Teams iframe gains and loses focus constantly: refetching on every focus would hammer the server.
  return new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false, staleTime: 30_000 } } });
}

export function App(props: { host: HostContext; queryClient?: QueryClient }) {
  const [queryClient] = useState(() => props.queryClient ?? createQueryClient());
  const [theme, setTheme] = useState<ThemeName>(props.host.theme);
  const styles = useStyles();

  useEffect(() => {
    if (props.host.inTeams) onThemeChange(setTheme);
  }, [props.host.inTeams]);

  return (
    <FluentProvider theme={themes[theme]}>
      <div className={styles.page}>
        <QueryClientProvider client={queryClient}>
          <Shell host={props.host} />
        </QueryClientProvider>
      </div>
    </FluentProvider>
  );
}

function Shell(props: { host: HostContext }) {
  const styles = useStyles();
  const queryClient = useQueryClient();
  const [requestedUser, setRequestedUser] = useState(props.host.loginHint);
  const session = useSession(props.host, requestedUser);
  const me = useMe(session.data);

  useEffect(() => {
    if (me.data && props.host.inTeams) notifyShown();
  }, [me.data, props.host.inTeams]);

  const switchUser = (upn: string) => {
    rememberDemoUser(upn);
    const url = new URL(window.location.href);
    url.searchParams.set('user', upn);
    window.history.replaceState(null, '', url);
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
    setRequestedUser(upn);
  };

  const demo = session.data?.demo;
  const failure = session.error ?? me.error;
  return (
    <>
      <AppHeader
        me={me.data}
        userSwitch={
          demo && <DemoUserSwitch users={demo.users} current={demo.current} onSwitch={switchUser} />
        }
      />
      <main className={styles.main} id="main">
        {failure ? (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>
              <MessageBarTitle>SENCO Hub could not sign you in</MessageBarTitle>
              {failure.message}
            </MessageBarBody>
          </MessageBar>
        ) : !me.data ? (
          <Spinner className={styles.centre} label="Signing you in…" />
        ) : (
          <ErrorBoundary region="Home">
            <Welcome
              me={me.data}
              local={session.data?.settings.mode === 'local'}
              teamGroupId={props.host.teamGroupId}
            />
          </ErrorBoundary>
        )}
      </main>
    </>
  );
}
