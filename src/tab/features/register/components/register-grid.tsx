import { Caption1, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { memo, useEffect, useRef, useState, type ReactNode } from 'react';
import type { CalendarDate } from '../../../../domain/calendar-date.ts';
import { BROAD_AREA_LABELS, SEN_NEEDS } from '../../../../domain/needs.ts';
import { RouteLink } from '../../../app/route-link.tsx';
import type { PupilFlags, RegisterRow } from '../../../../domain/pupil-views.ts';
import { FLAG_LABELS } from '../../../api/pupil-labels.ts';
import { shortDate, yearAndClasses, yearGroupLabel } from '../../../components/format.ts';
import { SenStatusBadge } from '../../../components/status-badge.tsx';
import { useMediaQuery } from '../../../components/use-media-query.ts';
import type { RegisterSort } from '../api/get-register.ts';

export type SortDirection = 'ascending' | 'descending';
type Layout = 'wide' | 'medium' | 'narrow';

const ROW_HEIGHT: Record<Layout, number> = { wide: 44, medium: 44, narrow: 104 };
/** Rows drawn above and below the visible ones, so keyboard focus and fast scrolling never meet a gap. */
const OVERSCAN = 8;
/** When the container has no measured height (tests, first paint). */
const FALLBACK_VIEWPORT = 640;

const COLUMNS: Record<Exclude<Layout, 'narrow'>, string> = {
  wide: 'minmax(170px, 2fr) 80px minmax(100px, 1fr) 116px minmax(150px, 2fr) minmax(80px, 0.8fr) 128px 128px',
  medium: 'minmax(160px, 2fr) 80px 116px 128px',
};

const useStyles = makeStyles({
  scroller: {
    position: 'relative',
    overflowY: 'auto',
    overflowX: 'hidden',
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  header: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    display: 'grid',
    alignItems: 'center',
    minHeight: '40px',
    backgroundColor: tokens.colorNeutralBackground3,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
  narrowHeader: { padding: `0 ${tokens.spacingHorizontalS}` },
  body: { position: 'relative' },
  keep: { flexShrink: 0, display: 'inline-flex' },
  row: {
    position: 'absolute',
    left: 0,
    right: 0,
    display: 'grid',
    alignItems: 'center',
    boxSizing: 'border-box',
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  narrowRow: {
    display: 'flex',
    flexDirection: 'column',
    justifyContent: 'center',
    alignItems: 'stretch',
    gap: tokens.spacingVerticalXXS,
    padding: `0 ${tokens.spacingHorizontalM}`,
  },
  cell: {
    padding: `0 ${tokens.spacingHorizontalS}`,
    minWidth: 0,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    fontSize: tokens.fontSizeBase300,
  },
  headCell: {
    padding: `0 ${tokens.spacingHorizontalS}`,
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase300,
    minWidth: 0,
    textAlign: 'start',
  },
  sortButton: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXXS,
    border: 'none',
    background: 'none',
    padding: `${tokens.spacingVerticalXS} 0`,
    font: 'inherit',
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground1,
    cursor: 'pointer',
    ':hover': { color: tokens.colorBrandForeground1 },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  line: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalS, minWidth: 0 },
  name: {
    fontWeight: tokens.fontWeightSemibold,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    maxWidth: '100%',
  },
  muted: { color: tokens.colorNeutralForeground2 },
  overdue: { color: tokens.colorStatusDangerForeground3, fontWeight: tokens.fontWeightSemibold },
  overdueStack: { display: 'flex', flexDirection: 'column', lineHeight: tokens.lineHeightBase200 },
  overdueNote: { color: tokens.colorStatusDangerForeground3 },
  /** Due dates are never cut off: the column fits "30 Sep 2026" in semibold, and wraps rather than clip. */
  dueCell: { whiteSpace: 'normal', textOverflow: 'clip' },
  narrowLine: {
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    minWidth: 0,
    flexShrink: 1,
  },
});

function useLayout(): Layout {
  const wide = useMediaQuery('(min-width: 1180px)');
  const medium = useMediaQuery('(min-width: 700px)');
  return wide ? 'wide' : medium ? 'medium' : 'narrow';
}

const flagsText = (row: RegisterRow) =>
  row.access === 'full'
    ? (Object.keys(FLAG_LABELS) as (keyof PupilFlags)[])
        .filter((f) => row.flags[f])
        .map((f) => FLAG_LABELS[f].short)
        .join(' · ')
    : '';

const needText = (row: RegisterRow) =>
  row.access === 'full' && row.primaryNeed
    ? SEN_NEEDS[row.primaryNeed].description
    : row.primaryAreaOfNeed
      ? BROAD_AREA_LABELS[row.primaryAreaOfNeed]
      : '—';

/**
 * The register as a windowed table: only the rows in view (and a few either side) are in the page, so 5,000
 * pupils scroll as smoothly as 50. Table semantics with aria-rowcount/rowindex tell assistive technology
 * how many rows there are; each pupil's name is a link, so Tab walks down the list (the window follows focus).
 */
export function RegisterGrid(props: {
  rows: readonly RegisterRow[];
  today: CalendarDate;
  sort: RegisterSort;
  direction: SortDirection;
  onSort: (sort: RegisterSort) => void;
  label: string;
}) {
  const styles = useStyles();
  const layout = useLayout();
  const rowHeight = ROW_HEIGHT[layout];
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(FALLBACK_VIEWPORT);

  useEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setViewport(el.clientHeight || FALLBACK_VIEWPORT));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // A new set of rows (filters changed) starts at the top.
  const [rowsShown, setRowsShown] = useState(props.rows);
  if (rowsShown !== props.rows) {
    setRowsShown(props.rows);
    setScrollTop(0);
  }
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [props.rows]);

  const count = props.rows.length;
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + viewport) / rowHeight) + OVERSCAN);
  const visible = props.rows.slice(first, last);
  const columns = layout === 'narrow' ? undefined : COLUMNS[layout];
  const headerHeight = layout === 'narrow' ? 0 : 40;
  const sortProps = { sort: props.sort, direction: props.direction, onSort: props.onSort };

  return (
    <div
      ref={scroller}
      className={styles.scroller}
      role="region"
      aria-label={props.label}
      style={{ height: `min(70vh, ${Math.max(count, 3) * rowHeight + headerHeight + 2}px)` }}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div role="table" aria-label={props.label} aria-rowcount={count + 1}>
        <div role="rowgroup">
          {layout === 'narrow' ? (
            <div role="row" aria-rowindex={1} className={mergeClasses(styles.header, styles.narrowHeader)}>
              <span role="columnheader" className={styles.headCell} aria-sort={props.direction}>
                Pupils, sorted by {SORT_LABELS[props.sort].toLocaleLowerCase('en-GB')}
              </span>
            </div>
          ) : (
            <div
              role="row"
              aria-rowindex={1}
              className={styles.header}
              style={{ gridTemplateColumns: columns }}
            >
              <HeaderCell label="Name" sortKey="name" {...sortProps} />
              <HeaderCell label="Year" sortKey="year" {...sortProps} />
              {layout === 'wide' && <HeaderCell label="Class" {...sortProps} />}
              <HeaderCell label="Status" sortKey="status" {...sortProps} />
              {layout === 'wide' && <HeaderCell label="Primary need" {...sortProps} />}
              {layout === 'wide' && <HeaderCell label="Flags" {...sortProps} />}
              <HeaderCell label="Review due" sortKey="review-due" {...sortProps} />
              {layout === 'wide' && <HeaderCell label="Passport due" {...sortProps} />}
            </div>
          )}
        </div>
        <div role="rowgroup" className={styles.body} style={{ height: `${count * rowHeight}px` }}>
          {visible.map((row, i) => (
            <RegisterGridRow
              key={row.id}
              row={row}
              index={first + i}
              top={(first + i) * rowHeight}
              height={rowHeight}
              layout={layout}
              columns={columns}
              today={props.today}
            />
          ))}
        </div>
      </div>
    </div>
  );
}

export const SORT_LABELS: Record<RegisterSort, string> = {
  name: 'Name',
  year: 'Year group',
  status: 'Status',
  'review-due': 'Review due',
};

function HeaderCell(props: {
  label: string;
  sortKey?: RegisterSort;
  sort: RegisterSort;
  direction: SortDirection;
  onSort: (sort: RegisterSort) => void;
}) {
  const styles = useStyles();
  const active = props.sortKey !== undefined && props.sortKey === props.sort;
  const sortKey = props.sortKey;
  return (
    <div role="columnheader" className={styles.headCell} aria-sort={active ? props.direction : undefined}>
      {sortKey ? (
        <button type="button" className={styles.sortButton} onClick={() => props.onSort(sortKey)}>
          {props.label}
          {active && <span aria-hidden="true">{props.direction === 'ascending' ? '↑' : '↓'}</span>}
        </button>
      ) : (
        props.label
      )}
    </div>
  );
}

/**
 * A due date. Overdue ones say so in words as well as in colour (WCAG 1.4.1): in a grid cell, "Overdue"
 * goes under the date so neither is cut off in a narrow column; in a line of text it follows the date.
 */
const DueDate = (props: { date: CalendarDate | null; today: CalendarDate; inline?: boolean }) => {
  const styles = useStyles();
  if (!props.date) return <span className={styles.muted}>—</span>;
  if (props.date >= props.today) return <span>{shortDate(props.date)}</span>;
  return props.inline ? (
    <span className={styles.overdue}>{shortDate(props.date)}, overdue</span>
  ) : (
    <span className={styles.overdueStack}>
      <span className={styles.overdue}>{shortDate(props.date)}</span>
      <Caption1 className={styles.overdueNote}>Overdue</Caption1>
    </span>
  );
};

const RegisterGridRow = memo(function RegisterGridRow(props: {
  row: RegisterRow;
  index: number;
  top: number;
  height: number;
  layout: Layout;
  columns: string | undefined;
  today: CalendarDate;
}) {
  const styles = useStyles();
  const { row, layout } = props;
  const full = row.access === 'full' ? row : undefined;
  const classes = row.classes.map((c) => c.displayName).join(', ') || '—';
  const link = (
    <RouteLink to={{ name: 'pupil', pupilId: row.id }} className={styles.name}>
      {row.displayName}
    </RouteLink>
  );
  const cell = (content: ReactNode, key: string, title?: string, className?: string) => (
    <div role="cell" className={mergeClasses(styles.cell, className)} key={key} title={title}>
      {content}
    </div>
  );

  if (layout === 'narrow') {
    const flags = flagsText(row);
    return (
      <div
        role="row"
        aria-rowindex={props.index + 2}
        className={mergeClasses(styles.row, styles.narrowRow)}
        style={{ top: props.top, height: props.height }}
      >
        <div role="cell" className={styles.line}>
          {link}
        </div>
        <div role="cell" className={styles.line}>
          <span className={styles.keep}>
            <SenStatusBadge status={row.senStatus} />
          </span>
          <Caption1 className={styles.narrowLine}>
            {row.classes.length > 0
              ? yearAndClasses(row.yearGroup, row.classes)
              : `${yearGroupLabel(row.yearGroup)} · —`}
            {flags ? ` · ${flags}` : ''}
          </Caption1>
        </div>
        <div role="cell" className={styles.line}>
          <Caption1 className={styles.narrowLine}>{needText(row)}</Caption1>
        </div>
        {full?.nextReviewDueOn && (
          // A line of its own, so that on a phone neither the need nor the date is cut short.
          <div role="cell" className={styles.line}>
            <Caption1 className={styles.narrowLine}>
              Review due <DueDate date={full.nextReviewDueOn} today={props.today} inline />
            </Caption1>
          </div>
        )}
      </div>
    );
  }

  return (
    <div
      role="row"
      aria-rowindex={props.index + 2}
      className={styles.row}
      style={{ top: props.top, height: props.height, gridTemplateColumns: props.columns }}
    >
      {cell(link, 'name')}
      {cell(yearGroupLabel(row.yearGroup), 'year')}
      {layout === 'wide' && cell(classes, 'class', classes)}
      {cell(<SenStatusBadge status={row.senStatus} />, 'status')}
      {layout === 'wide' && cell(needText(row), 'need', needText(row))}
      {layout === 'wide' && cell(flagsText(row) || <span className={styles.muted}>—</span>, 'flags')}
      {cell(
        <DueDate date={full?.nextReviewDueOn ?? null} today={props.today} />,
        'review',
        undefined,
        styles.dueCell,
      )}
      {layout === 'wide' &&
        cell(
          <DueDate date={full?.passportReviewDueOn ?? null} today={props.today} />,
          'passport',
          undefined,
          styles.dueCell,
        )}
    </div>
  );
});
