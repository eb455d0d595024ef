import { FluentProvider, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { QueryClient, QueryClientProvider, useIsFetching, useQueryClient } from '@tanstack/react-query';
import { Suspense, lazy, useEffect, useMemo, useState } from 'react';
import { LoadingLines } from '../components/loading.tsx';
import { isTransient } from '../api/api-client.ts';
import { ApiSessionProvider } from '../api/api-context.tsx';
import { UndoBar, UndoProvider, useUndo } from '../components/undo.tsx';
import { AppHeader } from './app-header.tsx';
import { AppNav } from './app-nav.tsx';
import { DemoNotice } from './demo-notice.tsx';
import { DemoUserSwitch } from './demo-user-switch.tsx';
import { NotForRole } from './not-for-role.tsx';
import { defaultRoute, navItemsFor, navSectionOf, pageAllowed } from './pages-for-role.ts';
import { TabHostProvider } from '../host/tab-host-context.tsx';
import {
  createTabHost,
  notifyShown,
  onThemeChange,
  type HostContext,
  type TabHost,
  type ThemeName,
} from '../host/teams-host.ts';
import { ErrorBoundary } from './error-boundary.tsx';
import { startSignIn } from './boot.ts';
import { pageModules } from './pages.ts';
import { pageOf, parsePage, type Route } from './route.ts';
import { RouterProvider, useRouter } from './router.tsx';
import type { Me } from '../../domain/me-view.ts';
import { SignInFailure } from './sign-in-failure.tsx';
import { useFluentTheme } from './themes.ts';
import { rememberDemoUser } from '../auth/demo-sign-in.ts';
import { useDemoUsers, useMe, useSession, type Session } from './session.ts';
import { useWhenIdle } from '../components/use-when-idle.ts';

// Every page loads on first use (pages.ts): a class teacher on a phone downloads only the class view.
const HomePage = lazy(() => pageModules.home().then((m) => ({ default: m.HomePage })));
const RegisterPage = lazy(() => pageModules.register().then((m) => ({ default: m.RegisterPage })));
const PupilPage = lazy(() => pageModules.pupil().then((m) => ({ default: m.PupilPage })));
const PassportPage = lazy(() => pageModules.passport().then((m) => ({ default: m.PassportPage })));
const ProvisionPage = lazy(() => pageModules.provision().then((m) => ({ default: m.ProvisionPage })));
const ClassPage = lazy(() => pageModules.class().then((m) => ({ default: m.ClassPage })));
const MyPupilsPage = lazy(() => pageModules['my-pupils']().then((m) => ({ default: m.MyPupilsPage })));
const ConfigPage = lazy(() => pageModules.config().then((m) => ({ default: m.ConfigPage })));
const SettingsPage = lazy(() => pageModules.settings().then((m) => ({ default: m.SettingsPage })));

const useStyles = makeStyles({
  // Page styles sit on an inner element: Fluent copies the provider's className onto its portal mount
  // node, and a full-height background there would cover the page and swallow clicks.
  page: {
    minHeight: '100vh',
    display: 'flex',
    flexDirection: 'column',
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
  main: {
    flexGrow: 1,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalXL}`,
    minWidth: 0,
    '@media (max-width: 480px)': { padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalM}` },
  },
  centre: { padding: tokens.spacingVerticalXXL },
  skip: {
    position: 'absolute',
    left: '-10000px',
    top: 'auto',
    ':focus': {
      left: tokens.spacingHorizontalM,
      top: tokens.spacingVerticalM,
      zIndex: 10,
      padding: tokens.spacingHorizontalS,
      backgroundColor: tokens.colorNeutralBackground1,
      color: tokens.colorBrandForeground1,
    },
  },
});

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A Teams iframe gains and loses focus constantly: refetching on every focus would hammer the server.
        refetchOnWindowFocus: false,
        staleTime: 30_000,
        // Retry only what may pass by itself (records still loading, Microsoft 365 busy, offline), with
        // growing pauses; a 403 or 404 will not change by asking again.
        retry: (count, error) => isTransient(error) && count < 4,
        retryDelay: (attempt) => Math.min(1_000 * 2 ** attempt, 8_000),
      },
    },
  });
}

export function App(props: { host: HostContext; tabHost?: TabHost; queryClient?: QueryClient }) {
  const [queryClient] = useState(() => props.queryClient ?? createQueryClient());
  const [tabHost] = useState(
    () =>
      props.tabHost ??
      createTabHost(props.host, { origin: window.location.origin, clipboard: navigator.clipboard }),
  );
  const [theme, setTheme] = useState<ThemeName>(props.host.theme);
  const fluentTheme = useFluentTheme(theme);
  const styles = useStyles();

  useEffect(() => {
    if (props.host.inTeams) onThemeChange(setTheme);
  }, [props.host.inTeams]);

  const initial = useMemo(() => parsePage(props.host.subPageId), [props.host.subPageId]);

  return (
    <FluentProvider theme={fluentTheme}>
      <div className={styles.page}>
        <QueryClientProvider client={queryClient}>
          <RouterProvider initial={initial}>
            <UndoProvider>
              <TabHostProvider host={tabHost}>
                <Shell host={props.host} />
              </TabHostProvider>
            </UndoProvider>
          </RouterProvider>
        </QueryClientProvider>
      </div>
    </FluentProvider>
  );
}

function Shell(props: { host: HostContext }) {
  const styles = useStyles();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { clear: clearUndo } = useUndo();
  const [requestedUser, setRequestedUser] = useState(props.host.loginHint);
  const session = useSession(props.host, requestedUser);
  const me = useMe(session.data);

  useEffect(() => {
    if (me.data && props.host.inTeams) notifyShown();
  }, [me.data, props.host.inTeams]);

  // Sign-in, /api/me and the requested page's first data: started by start.tsx, or here when rendered alone.
  useEffect(() => {
    startSignIn(queryClient, props.host, router.route);
    // Once: the route and user the tab opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  // The list to switch to waits until the first screen's data has all come (nothing is being fetched).
  const settled = useIsFetching() === 0;
  const demoUsers = useDemoUsers(
    session.data?.settings.mode === 'local',
    useWhenIdle(me.data !== undefined && settled),
  );

  // The configuration page needs no sign-in: it shows nothing about pupils.
  if (router.route?.name === 'config') {
    return (
      <main className={styles.main} id="main">
        <Suspense fallback={<LoadingLines label="Loading" lines={3} />}>
          <ConfigPage host={props.host} />
        </Suspense>
      </main>
    );
  }

  const switchUser = (upn: string) => {
    rememberDemoUser(upn);
    const url = new URL(window.location.href);
    url.searchParams.set('user', upn);
    url.searchParams.delete('page');
    window.history.replaceState(null, '', url);
    // The new person starts on their own start page.
    router.sync();
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
    clearUndo();
    setRequestedUser(upn);
  };

  const demo = session.data?.demo;
  const failure = session.error ?? me.error;
  return (
    <>
      <a href="#main" className={styles.skip}>
        Skip to content
      </a>
      <AppHeader
        me={me.data}
        inTeams={props.host.inTeams}
        userSwitch={
          demo && <DemoUserSwitch users={demoUsers.data} current={demo.signedIn} onSwitch={switchUser} />
        }
      />
      {failure ? (
        <main className={styles.main} id="main">
          <SignInFailure
            error={failure}
            onRetry={() => void (session.error ? session.refetch() : me.refetch())}
          />
        </main>
      ) : !me.data || !session.data ? (
        <main className={styles.main} id="main">
          <Spinner
            className={styles.centre}
            label={me.failureReason ? 'Loading the school’s records…' : 'Signing you in…'}
          />
        </main>
      ) : (
        <ApiSessionProvider api={session.data.api} me={me.data}>
          <SignedIn me={me.data} session={session.data} host={props.host} key={me.data.id} />
        </ApiSessionProvider>
      )}
    </>
  );
}

function SignedIn(props: { me: Me; session: Session; host: HostContext }) {
  const styles = useStyles();
  const router = useRouter();
  const { clear: clearUndo } = useUndo();
  const { me, host } = props;
  const route: Route = router.route ?? defaultRoute(me, host.teamGroupId);
  const page = pageOf(route);

  useEffect(() => {
    if (!router.route) router.navigate(route, { replace: true });
  }, [router, route]);

  useEffect(() => {
    document.title = `${titleOf(route)} – SENCO Hub`;
  }, [page, route]);

  useEffect(() => {
    if (router.moves === 0) return;
    // Moved to another page: the undo offer belonged to the last one, and screen readers start at the new heading.
    clearUndo();
    const heading = document.querySelector<HTMLElement>('main h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    }
  }, [router.moves, clearUndo]);

  return (
    <>
      <AppNav
        items={navItemsFor(me, host.teamGroupId)}
        current={navSectionOf(route, me)}
        currentPage={page}
      />
      <main className={styles.main} id="main">
        <UndoBar />
        <ErrorBoundary region={titleOf(route)} key={page}>
          <Suspense
            fallback={
              <LoadingLines label={`Loading ${titleOf(route).toLocaleLowerCase('en-GB')}`} lines={6} />
            }
          >
            <Page route={route} me={me} host={host} />
          </Suspense>
        </ErrorBoundary>
      </main>
      {props.session.settings.mode === 'local' && <DemoNotice />}
    </>
  );
}

function titleOf(route: Route): string {
  switch (route.name) {
    case 'home':
      return 'Home';
    case 'register':
      return 'Register';
    case 'pupil':
      return 'Pupil record';
    case 'passport':
      return 'Passport';
    case 'provision':
      return 'Provision map';
    case 'class':
      return 'Class';
    case 'my-pupils':
      return 'My pupils';
    case 'settings':
      return 'Settings';
    case 'config':
      return 'Set up the tab';
  }
}

function Page(props: { route: Route; me: Me; host: HostContext }) {
  const { route, me, host } = props;
  const home = defaultRoute(me, host.teamGroupId);
  if (!pageAllowed(me, route.name)) {
    return (
      <NotForRole
        title={titleOf(route)}
        home={home}
        homeLabel="Go to my start page"
        reason={
          route.name === 'my-pupils'
            ? 'You can see every pupil on the register.'
            : 'The register and pupils’ records are for the SENCO and the SEND team. You can see the pupils with SEND you teach or support.'
        }
      />
    );
  }
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'register':
      return <RegisterPage />;
    case 'pupil':
      return <PupilPage pupilId={route.pupilId} section={route.section ?? 'overview'} />;
    case 'passport':
      return <PassportPage pupilId={route.pupilId} />;
    case 'provision':
      return <ProvisionPage />;
    case 'class':
      return <ClassPage groupId={route.groupId} />;
    case 'my-pupils':
      return <MyPupilsPage />;
    case 'settings':
      return <SettingsPage />;
    case 'config':
      return <ConfigPage host={host} />;
  }
}
