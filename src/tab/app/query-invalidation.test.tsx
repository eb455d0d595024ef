// @vitest-environment jsdom
import { QueryClientProvider, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { ApiClient } from '../api/api-client.ts';
import { ApiSessionProvider } from '../api/api-context.tsx';
import { passportQuery } from '../api/passport.ts';
import { provisionSummaryQuery } from '../api/provision-summary.ts';
import { pupilQuery } from '../api/pupil.ts';
import { registerSummaryQuery } from '../api/register-summary.ts';
import { classPupilsQuery } from '../features/class-view/api/get-class-pupils.ts';
import { accessArrangementsQuery } from '../features/exam-access/api/access-arrangements.ts';
import { censusCheckQuery } from '../features/home/api/get-census-check.ts';
import { dueWorkQuery } from '../features/home/api/get-due-work.ts';
import { passportHistoryQuery } from '../features/passport/api/get-passport-history.ts';
import { useSavePassport } from '../features/passport/api/save-passport.ts';
import { useRecordSession } from '../features/provision/api/record-session.ts';
import { interventionsQuery } from '../features/provision/api/get-interventions.ts';
import { settingsQuery as provisionSettingsQuery } from '../features/provision/api/get-settings.ts';
import { useSaveNotionalBudget } from '../features/provision/api/save-notional-budget.ts';
import { ehcPlanQuery } from '../features/pupil/api/get-ehc-plan.ts';
import { pupilHistoryQuery } from '../features/pupil/api/get-pupil-history.ts';
import { pupilProfessionalsQuery } from '../features/pupil/api/get-pupil-professionals.ts';
import { useSaveSenRecord } from '../features/pupil/api/save-sen-record.ts';
import { referralsQuery, useAddProfessional, useSaveReferral } from '../features/referrals/api/referrals.ts';
import { NO_FILTERS, registerQuery } from '../features/register/api/get-register.ts';
import { senSupportPlanQuery, useSavePlanChange } from '../features/sen-support/api/sen-support-plan.ts';
import { settingsKeys } from '../features/settings/api/keys.ts';
import { settingsQuery } from '../features/settings/api/settings-api.ts';
import { buildMe } from '../testing/builders.ts';
import { createTestQueryClient } from '../testing/render.tsx';

/**
 * Which reads a write marks stale, across features. Every read below is keyed by the query options its own
 * feature uses, and every write invalidates through its feature's key factory or the shared roots: a key
 * mistyped on either side (a read moved out from under its root, a write naming the wrong root) shows here as
 * a read refreshed that should not be, or left stale that should be refreshed.
 */

// The API is never called for reads (the cache is filled by hand); writes answer what the hooks read back.
const api = {
  get: () => Promise.reject(new Error('no read expected')),
  post: (path: string) => Promise.resolve(answerTo(path)),
  put: (path: string) => Promise.resolve(answerTo(path)),
  patch: (path: string) => Promise.resolve(answerTo(path)),
  delete: (path: string) => Promise.resolve(answerTo(path)),
} as unknown as ApiClient;

function answerTo(path: string) {
  const pupilId = /\/api\/pupils\/([^/]+)/.exec(path)?.[1] ?? 'pupil-1';
  return { pupilId, eTag: '"2"', settings: {}, passport: { version: 2 } };
}

/** The reads a signed-in SENCO may have cached, for two pupils. */
function reads(): Record<string, QueryKey> {
  const reads: Record<string, QueryKey> = {
    register: registerQuery(api, NO_FILTERS).queryKey,
    registerSummary: registerSummaryQuery(api).queryKey,
    censusCheck: censusCheckQuery(api).queryKey,
    dueWork: dueWorkQuery(api).queryKey,
    classPupils: classPupilsQuery(api, 'class-6a').queryKey,
    interventions: interventionsQuery(api).queryKey,
    provisionSummary: provisionSummaryQuery(api).queryKey,
    schoolSettings: settingsQuery(api).queryKey,
    remindersChannel: settingsKeys.channel,
  };
  for (const pupil of ['pupil-1', 'pupil-2']) {
    Object.assign(reads, {
      [`${pupil} record`]: pupilQuery(api, pupil).queryKey,
      [`${pupil} passport`]: passportQuery(api, pupil).queryKey,
      [`${pupil} passport history`]: passportHistoryQuery(api, pupil).queryKey,
      [`${pupil} SEN history`]: pupilHistoryQuery(api, pupil).queryKey,
      [`${pupil} EHC plan`]: ehcPlanQuery(api, pupil).queryKey,
      [`${pupil} professionals`]: pupilProfessionalsQuery(api, pupil).queryKey,
      [`${pupil} referrals`]: referralsQuery(api, pupil).queryKey,
      [`${pupil} SEN support plan`]: senSupportPlanQuery(api, pupil).queryKey,
      [`${pupil} access arrangements`]: accessArrangementsQuery(api, pupil).queryKey,
    });
  }
  return reads;
}

const PUPIL_1_ALL = [
  'pupil-1 record',
  'pupil-1 passport',
  'pupil-1 passport history',
  'pupil-1 SEN history',
  'pupil-1 EHC plan',
  'pupil-1 professionals',
  'pupil-1 referrals',
  'pupil-1 SEN support plan',
  'pupil-1 access arrangements',
];

function setUp() {
  const queryClient = createTestQueryClient();
  const keys = reads();
  for (const key of Object.values(keys)) queryClient.setQueryData(key, { cached: true });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <ApiSessionProvider api={api} me={buildMe()}>
        {children}
      </ApiSessionProvider>
    </QueryClientProvider>
  );
  return { queryClient, keys, wrapper };
}

/** The reads now marked stale, by name. */
function invalidated(queryClient: QueryClient, keys: Record<string, QueryKey>): string[] {
  return Object.entries(keys)
    .filter(([, key]) => queryClient.getQueryState(key)?.isInvalidated)
    .map(([name]) => name)
    .sort();
}

describe('what a write refreshes', () => {
  it('the settings screen and the provision map read the school’s settings from one cache entry', () => {
    expect(provisionSettingsQuery(api).queryKey).toEqual(settingsQuery(api).queryKey);
  });

  it('saving a passport refreshes everything about that pupil, the register, class lists and due work, not another pupil', async () => {
    const { queryClient, keys, wrapper } = setUp();
    const { result } = renderHook(() => useSavePassport(), { wrapper });
    await act(() =>
      result.current.mutateAsync({
        pupilId: 'pupil-1',
        content: {} as never,
        expectedETag: '"1"',
      }),
    );
    expect(invalidated(queryClient, keys)).toEqual(
      [...PUPIL_1_ALL, 'register', 'registerSummary', 'censusCheck', 'classPupils', 'dueWork'].sort(),
    );
  });

  it('an SEN status change refreshes the pupil’s record and history, the register, class lists and the home view', async () => {
    const { queryClient, keys, wrapper } = setUp();
    const { result } = renderHook(() => useSaveSenRecord(), { wrapper });
    await act(() =>
      result.current.mutateAsync({
        kind: 'sen-status',
        pupilId: 'pupil-1',
        expectedETag: '"1"',
        change: { code: 'K', from: '2026-12-01' as never },
      }),
    );
    expect(invalidated(queryClient, keys)).toEqual(
      [
        'pupil-1 record',
        'pupil-1 SEN history',
        'register',
        'registerSummary',
        'censusCheck',
        'classPupils',
        'dueWork',
      ].sort(),
    );
  });

  it('a referral saved refreshes that pupil’s referrals and the due work (responses overdue), nothing else', async () => {
    const { queryClient, keys, wrapper } = setUp();
    const { result } = renderHook(() => useSaveReferral(), { wrapper });
    await act(() =>
      result.current.mutateAsync({ kind: 'create', pupilId: 'pupil-1', body: {} as never }),
    );
    expect(invalidated(queryClient, keys)).toEqual(['dueWork', 'pupil-1 referrals']);
  });

  it('a professional added for a pupil refreshes the pupil page’s list of professionals, not another pupil’s', async () => {
    const { queryClient, keys, wrapper } = setUp();
    const { result } = renderHook(() => useAddProfessional(), { wrapper });
    await act(() => result.current.mutateAsync({ pupilId: 'pupil-1' } as never));
    expect(invalidated(queryClient, keys)).toEqual(['pupil-1 professionals']);
  });

  it('a change to an SEN support plan refreshes the pupil’s record and due work; the plan is the answer itself', async () => {
    const { queryClient, keys, wrapper } = setUp();
    const { result } = renderHook(() => useSavePlanChange(), { wrapper });
    await act(() =>
      result.current.mutateAsync({ kind: 'parent-meeting', pupilId: 'pupil-1', body: {} as never }),
    );
    expect(invalidated(queryClient, keys)).toEqual(['dueWork', 'pupil-1 record']);
    expect(queryClient.getQueryData(keys['pupil-1 SEN support plan']!)).toMatchObject({ pupilId: 'pupil-1' });
  });

  it('the notional budget saved refreshes the school’s settings and the provision numbers, not the interventions', async () => {
    const { queryClient, keys, wrapper } = setUp();
    const { result } = renderHook(() => useSaveNotionalBudget(), { wrapper });
    await act(() =>
      result.current.mutateAsync({
        current: { settings: {}, eTag: '"1"' } as never,
        notionalSenBudget: 120_000,
      }),
    );
    expect(invalidated(queryClient, keys)).toEqual(['provisionSummary', 'schoolSettings']);
  });

  it('a session recorded refreshes the provision map and its numbers, nothing about pupils or settings', async () => {
    const { queryClient, keys, wrapper } = setUp();
    const { result } = renderHook(() => useRecordSession(), { wrapper });
    await act(() => result.current.mutateAsync({ interventionId: 'int-1' } as never));
    expect(invalidated(queryClient, keys)).toEqual(['interventions', 'provisionSummary']);
  });
});
