import { Button, Field, SearchBox, Select, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, lazy, useState } from 'react';
import { YEAR_GROUPS, type YearGroup } from '../../../../domain/year-group.ts';
import { useMediaQuery } from '../../../components/use-media-query.ts';
import { useWhenIdle } from '../../../components/use-when-idle.ts';
import { REGISTER_SORTS } from '../../../../contract/register-options.ts';
import type { RegisterFilters, RegisterSort } from '../api/get-register.ts';
import { activeFilterCount } from '../saved-views.ts';
import { SORT_LABELS, type SortDirection } from './register-grid.tsx';

/**
 * The filter menus (Fluent's Dropdown and its popup positioning, about 25 KB gzipped) load once the register's
 * rows are shown; until then their row keeps its place, so nothing jumps when they come.
 */
const RegisterFilterMenus = lazy(() =>
  import('./register-filter-menus.tsx').then((m) => ({ default: m.RegisterFilterMenus })),
);

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalM,
    minWidth: 0,
  },
  search: { width: '100%', maxWidth: '320px' },
  searchField: { flexGrow: 1, minWidth: 0, maxWidth: '320px' },
  field: { minWidth: 0, maxWidth: '100%' },
  select: { minWidth: '150px', maxWidth: '100%' },
  // The height of a row of labelled dropdowns.
  reserve: { minHeight: '58px' },
});

const SORTS: readonly RegisterSort[] = REGISTER_SORTS;

/** Search, filters and sort for the register. Every control has a visible label. */
export function RegisterFiltersBar(props: {
  filters: RegisterFilters;
  search: string;
  onSearch: (q: string) => void;
  onChange: (filters: RegisterFilters) => void;
  direction: SortDirection;
  onDirection: (d: SortDirection) => void;
  years: YearGroup[] | undefined;
  classes: { id: string; displayName: string }[] | undefined;
  /** The register's rows are on screen: the filter menus may load. */
  rowsShown: boolean;
}) {
  const styles = useStyles();
  const { filters, onChange } = props;
  const years = props.years && props.years.length > 0 ? props.years : [...YEAR_GROUPS];
  const set = <K extends keyof RegisterFilters>(key: K, value: RegisterFilters[K]) =>
    onChange({ ...filters, [key]: value });
  const menusWanted = useWhenIdle(props.rowsShown);
  const narrow = !useMediaQuery('(min-width: 700px)');
  const [open, setOpen] = useState(false);
  const count = activeFilterCount({ ...filters, q: '' });

  return (
    <div className={styles.root} role="search" aria-label="Find pupils on the register">
      <div className={styles.row}>
        <Field label="Search by name or UPN" className={styles.searchField}>
          <SearchBox
            className={styles.search}
            value={props.search}
            onChange={(_e, data) => props.onSearch(data.value)}
            placeholder="e.g. Zoë or A123…"
          />
        </Field>
        <Field label="Sort by" className={styles.field}>
          <Select
            className={styles.select}
            value={filters.sort}
            onChange={(_e, data) => set('sort', data.value as RegisterSort)}
          >
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </Select>
        </Field>
        <Button
          onClick={() => props.onDirection(props.direction === 'ascending' ? 'descending' : 'ascending')}
          title="Reverse the order"
        >
          {props.direction === 'ascending' ? 'Ascending' : 'Descending'}
          <span aria-hidden="true">&nbsp;{props.direction === 'ascending' ? '↑' : '↓'}</span>
        </Button>
        {narrow && (
          <Button aria-expanded={open} aria-controls="register-filters" onClick={() => setOpen((o) => !o)}>
            {open ? 'Hide filters' : `Filters${count > 0 ? ` (${count})` : ''}`}
          </Button>
        )}
      </div>
      <div id="register-filters" hidden={narrow && !open}>
        {menusWanted ? (
          <Suspense fallback={<div className={styles.reserve} />}>
            <RegisterFilterMenus
              filters={filters}
              onSearch={props.onSearch}
              onChange={onChange}
              years={years}
              classes={props.classes}
            />
          </Suspense>
        ) : (
          <div className={styles.reserve} />
        )}
      </div>
    </div>
  );
}
