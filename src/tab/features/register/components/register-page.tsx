import {
  Body1,
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Suspense, lazy, useEffect, useMemo, useState } from 'react';
import type { YearGroup } from '../../../../domain/year-group.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { describeError } from '../../../components/describe-error.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { plural } from '../../../components/format.ts';
import { LoadingLines } from '../../../components/loading.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { useUndo } from '../../../components/undo.tsx';
import { useDebouncedValue } from '../../../components/use-debounced-value.ts';
import { useWhenIdle } from '../../../components/use-when-idle.ts';
import {
  NO_FILTERS,
  isComplete,
  useRegister,
  type RegisterFilters,
  type RegisterSort,
} from '../api/get-register.ts';
import { useRegisterSummary } from '../../../api/register-summary.ts';
import { useRecordRegisterExport } from '../api/record-register-export.ts';
import { describeRegisterView, downloadCsv, registerCsv } from '../register-csv.ts';
import { activeFilterCount, loadSavedViews, storeSavedViews, type SavedView } from '../saved-views.ts';
import { RegisterFiltersBar } from './register-filters.tsx';
import { RegisterGrid } from './register-grid.tsx';
import { loadPersisted, sessionKey, type Persisted } from '../register-session.ts';

/**
 * Saved views (a menu and a dialog, about 30 KB of Fluent UI gzipped) load once the first rows are on screen
 * (or the register has failed) and the browser is idle: the register itself is what the page is opened for. Until then the same buttons show, disabled.
 */
const RegisterViewsMenu = lazy(() =>
  import('./register-views-menu.tsx').then((m) => ({ default: m.RegisterViewsMenu })),
);

function ViewsMenuPlaceholder() {
  return (
    <>
      <Button disabled>Saved views</Button>
      <Button disabled>Save as a view</Button>
    </>
  );
}

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  // One line, whatever is said on it: a line that wrapped while the rest of the register loads would move the
  // rows down, and back up once it had come. The count stays whole; the loading note is cut short on a phone.
  status: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    minHeight: '24px',
    whiteSpace: 'nowrap',
  },
  statusCount: { flexShrink: 0 },
  statusNote: { minWidth: 0, overflow: 'hidden' },
  statusNoteLabel: { overflow: 'hidden', textOverflow: 'ellipsis' },
  muted: { color: tokens.colorNeutralForeground2 },
});

/** The SEN register: search, filter, sort, saved views and CSV export over a windowed grid. */
export function RegisterPage() {
  const styles = useStyles();
  const { me } = useApiSession();
  const { offerUndo } = useUndo();
  const [state, setState] = useState<Persisted>(() => loadPersisted(me.upn));
  const [search, setSearch] = useState(state.filters.q);
  const [views, setViews] = useState<SavedView[]>(() => loadSavedViews(me.upn));
  const q = useDebouncedValue(search, 250);

  const filters = useMemo(() => ({ ...state.filters, q }), [state.filters, q]);
  const register = useRegister(filters);
  // Saved views are not what the page is opened for: their code loads once the rows are shown.
  const viewsWanted = useWhenIdle(!register.isPending);
  const summary = useRegisterSummary();

  useEffect(() => {
    try {
      sessionStorage.setItem(sessionKey(me.upn), JSON.stringify({ ...state, filters }));
    } catch {
      // See loadPersisted.
    }
  }, [state, filters, me.upn]);

  // The first page shows while the rest load (5,000 pupils is five pages). In descending order the first rows
  // are on the last page, so that order waits for the whole register.
  const complete = register.data !== undefined && isComplete(register.data);
  const rows = useMemo(() => {
    const pupils = register.data?.pupils ?? [];
    if (state.direction === 'ascending') return pupils;
    return complete ? [...pupils].reverse() : [];
  }, [register.data, state.direction, complete]);
  const waitingForRows = register.isPending || (!complete && rows.length === 0 && !register.isError);

  const setFilters = (next: RegisterFilters) => setState((s) => ({ ...s, filters: next }));
  const onSort = (sort: RegisterSort) =>
    setState((s) => ({
      filters: { ...s.filters, sort },
      direction: s.filters.sort === sort && s.direction === 'ascending' ? 'descending' : 'ascending',
    }));
  const applyView = (view: SavedView) => {
    setSearch(view.filters.q);
    setState({ filters: view.filters, direction: 'ascending' });
  };
  const saveViews = (next: SavedView[]) => {
    setViews(next);
    storeSavedViews(me.upn, next);
  };

  const years = summary.data?.byYearGroup
    .map((y) => y.yearGroup)
    .filter((y): y is YearGroup => y !== 'unknown');
  const classes = summary.data?.byClass.map((c) => ({ id: c.classId, displayName: c.displayName }));

  const recordExport = useRecordRegisterExport();
  /** The audit log hears of the export first: if it cannot, there is no file. */
  const exportCsv = async () => {
    const exported = [...rows];
    const view = describeRegisterView({
      filters,
      direction: state.direction,
      className: classes?.find((c) => c.id === filters.classId)?.displayName,
    });
    try {
      await recordExport.mutateAsync({ format: 'csv', rows: exported.length, view });
    } catch {
      return; // Shown below from the mutation's error.
    }
    downloadCsv(`sen-register-${me.today}.csv`, registerCsv(exported));
  };

  return (
    <div className={styles.root}>
      <PageHeader
        title="SEN register"
        subtitle="Pupils on SEN support or with an EHC plan. Open a pupil to see their record."
        actions={
          <>
            {viewsWanted ? (
              <Suspense fallback={<ViewsMenuPlaceholder />}>
                <RegisterViewsMenu
                  views={views}
                  onApply={applyView}
                  onSave={(name) =>
                    saveViews([
                      ...views,
                      { id: `view-${Date.now().toString(36)}`, name, filters: { ...filters } },
                    ])
                  }
                  onDelete={(view) => {
                    const before = views;
                    saveViews(views.filter((v) => v.id !== view.id));
                    offerUndo({
                      message: `Deleted the view “${view.name}”.`,
                      undo: () => {
                        saveViews(before);
                        return Promise.resolve();
                      },
                    });
                  }}
                />
              </Suspense>
            ) : (
              <ViewsMenuPlaceholder />
            )}
            <Button
              appearance="primary"
              onClick={() => void exportCsv()}
              // A file of part of the register would be wrong: export waits for every page.
              disabled={rows.length === 0 || !complete || recordExport.isPending}
              icon={recordExport.isPending ? <Spinner size="tiny" /> : undefined}
            >
              Export CSV
            </Button>
          </>
        }
      />
      {recordExport.isError && (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>The register was not exported</MessageBarTitle>
            SENCO Hub must record every export of the register in the audit log, and could not, so no file was
            made. {describeError(recordExport.error, 'The export').detail}
          </MessageBarBody>
        </MessageBar>
      )}
      <RegisterFiltersBar
        filters={filters}
        search={search}
        onSearch={setSearch}
        onChange={setFilters}
        direction={state.direction}
        onDirection={(direction) => setState((s) => ({ ...s, direction }))}
        years={years}
        classes={classes}
        rowsShown={!register.isPending}
      />
      <div className={styles.status} aria-live="polite">
        {register.data && (
          <Body1 wrap={false} className={styles.statusCount}>
            {plural(register.data.total, 'pupil')}
            {activeFilterCount(filters) > 0
              ? register.data.total === 1
                ? ' matches these filters'
                : ' match these filters'
              : ' on the register'}
          </Body1>
        )}
        {register.isFetching && (
          <Spinner
            size="tiny"
            className={styles.statusNote}
            label={{
              className: styles.statusNoteLabel,
              children: register.data && !complete ? 'Loading the rest…' : 'Updating…',
            }}
          />
        )}
      </div>
      {register.isError && !register.data ? (
        <QueryError error={register.error} what="The register" onRetry={() => register.refetch()} />
      ) : waitingForRows ? (
        <LoadingLines label="Loading the register" lines={10} />
      ) : rows.length === 0 ? (
        <EmptyState
          title={
            activeFilterCount(filters) > 0 ? 'No pupils match these filters' : 'Nobody is on the register yet'
          }
          action={
            activeFilterCount(filters) > 0 ? (
              <Button
                onClick={() => {
                  setSearch('');
                  setFilters({ ...NO_FILTERS, sort: filters.sort });
                }}
              >
                Clear filters
              </Button>
            ) : undefined
          }
        >
          {activeFilterCount(filters) > 0
            ? 'Try fewer filters, or check the spelling of the name or UPN.'
            : 'Pupils appear here once their SEN status (K or E) is recorded in the school’s records.'}
        </EmptyState>
      ) : (
        <>
          {register.isError && (
            <QueryError error={register.error} what="The latest results" onRetry={() => register.refetch()} />
          )}
          <RegisterGrid
            rows={rows}
            today={me.today}
            sort={filters.sort}
            direction={state.direction}
            onSort={onSort}
            label={`SEN register, ${plural(rows.length, 'pupil')}`}
          />
        </>
      )}
    </div>
  );
}
