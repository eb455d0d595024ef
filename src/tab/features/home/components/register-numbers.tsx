import {
  Body1,
  Caption1,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import {
  BROAD_AREAS_OF_NEED,
  BROAD_AREA_LABELS,
  SEN_NEED_CODES,
  SEN_NEEDS,
} from '../../../../domain/needs.ts';
import { percentOf } from '../../../../domain/register-analytics.ts';
import { compareYearGroups, type YearGroup } from '../../../../domain/year-group.ts';
import { percent, plural, yearGroupLabel } from '../../../components/format.ts';
import { LoadingLines } from '../../../components/loading.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { StackedList } from '../../../components/stacked-list.tsx';
import { useRegisterSummary, type RegisterSummaryAnswer } from '../../../api/register-summary.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  tiles: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(140px, 1fr))',
    gap: tokens.spacingHorizontalM,
  },
  tile: {
    display: 'flex',
    flexDirection: 'column',
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  number: {
    fontSize: tokens.fontSizeHero700,
    lineHeight: tokens.lineHeightHero700,
    fontWeight: tokens.fontWeightSemibold,
  },
  // A long need ("SEN support but no specialist assessment…") wraps within its own column; the count
  // stays on the first line at the right, beside its label.
  barLine: {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'baseline',
    gap: tokens.spacingHorizontalS,
  },
  barLabel: { minWidth: 0, flexGrow: 1 },
  barCount: { flexShrink: 0, whiteSpace: 'nowrap' },
  track: {
    height: '8px',
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralBackground4,
    overflow: 'hidden',
  },
  bar: { height: '100%', backgroundColor: tokens.colorBrandBackground },
  muted: { color: tokens.colorNeutralForeground2 },
  heading: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  // Columns as wide as their contents: equal widths cut "Reception" and "SEN support" off on a phone.
  table: { width: '100%', tableLayout: 'auto' },
  nowrap: { whiteSpace: 'nowrap' },
  wrap: { whiteSpace: 'normal', overflowWrap: 'normal' },
  tableScroll: {
    overflowX: 'auto',
    minWidth: 0,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  total: { fontWeight: tokens.fontWeightSemibold },
});

const STATUS_TILES = [
  { code: 'K', label: 'SEN support' },
  { code: 'E', label: 'EHC plans' },
  { code: 'N', label: 'No SEN' },
] as const;

function Bars(props: { items: { label: string; count: number; percent: number }[]; label: string }) {
  const styles = useStyles();
  return (
    <StackedList label={props.label}>
      {props.items.map((item) => (
        <li key={item.label}>
          <div className={styles.barLine}>
            <Body1 className={styles.barLabel}>{item.label}</Body1>
            <Body1 className={mergeClasses(styles.muted, styles.barCount)}>
              {item.count} ({percent(item.percent)})
            </Body1>
          </div>
          <div className={styles.track} aria-hidden="true">
            <div className={styles.bar} style={{ width: `${Math.min(100, item.percent)}%` }} />
          </div>
        </li>
      ))}
    </StackedList>
  );
}

/** The register in numbers: by status, broad area and primary need; by year group when asked. */
export function RegisterNumbers(props: { byYearGroup?: boolean }) {
  const summary = useRegisterSummary();
  if (summary.isPending) return <LoadingLines label="Loading the register’s numbers" lines={5} />;
  if (summary.isError)
    return (
      <QueryError error={summary.error} what="The register’s numbers" onRetry={() => summary.refetch()} />
    );
  return <Numbers summary={summary.data} byYearGroup={props.byYearGroup ?? false} />;
}

function Numbers(props: { summary: RegisterSummaryAnswer; byYearGroup: boolean }) {
  const styles = useStyles();
  const s = props.summary;
  const needs = SEN_NEED_CODES.map((code) => ({ code, ...s.byPrimaryNeed[code] }))
    .filter((n) => n.count > 0)
    .sort((a, b) => b.count - a.count);
  return (
    <div className={styles.root}>
      <Body1>
        Of <strong>{plural(s.roll, 'pupil')}</strong> on roll, <strong>{s.senCount}</strong> (
        {percent(percentOf(s.senCount, s.roll))}) {s.senCount === 1 ? 'is' : 'are'} on the SEN register.
      </Body1>
      <ul className={styles.tiles} aria-label="Pupils on roll by SEN status">
        {STATUS_TILES.map(({ code, label }) => (
          <li key={code} className={styles.tile}>
            <Text className={styles.number}>{s.byStatus[code].count}</Text>
            <Caption1>
              {label} ({code}): {percent(s.byStatus[code].percent)} of the roll
            </Caption1>
          </li>
        ))}
      </ul>
      {s.notOnRoll > 0 && (
        <Caption1 className={styles.muted}>
          {plural(s.notOnRoll, 'pupil')} in the SEND records {s.notOnRoll === 1 ? 'is' : 'are'} not on the
          school’s roll (left, or a UPN that does not match); they are counted in these numbers.
        </Caption1>
      )}
      <div className={styles.heading}>
        <Subtitle2 as="h3">By broad area of need</Subtitle2>
        <Caption1 className={styles.muted}>
          Of the pupils on the SEN register, by their primary need.
        </Caption1>
      </div>
      <Bars
        label="Pupils on the register by broad area of primary need"
        items={BROAD_AREAS_OF_NEED.filter((a) => s.byBroadArea[a].count > 0).map((a) => ({
          label: BROAD_AREA_LABELS[a],
          ...s.byBroadArea[a],
        }))}
      />
      <Subtitle2 as="h3">By primary need</Subtitle2>
      <Bars
        label="Pupils on the register by primary need"
        items={needs.map((n) => ({
          label: `${SEN_NEEDS[n.code].description} (${n.code})`,
          count: n.count,
          percent: n.percent,
        }))}
      />
      {props.byYearGroup && (
        <>
          <BreakdownTable
            title="By year group"
            groupLabel="Year"
            rows={s.byYearGroup.map((y) => ({
              key: y.yearGroup,
              label: y.yearGroup === 'unknown' ? 'Unknown' : yearGroupLabel(y.yearGroup),
              ...y,
            }))}
            total={{
              label: 'All years',
              roll: s.roll,
              senSupport: s.byStatus.K.count,
              ehcPlan: s.byStatus.E.count,
            }}
          />
          {s.byClass.length > 0 && (
            <BreakdownTable
              title="By class"
              groupLabel="Class"
              wrapLabels
              rows={classesInOrder(s.byClass).map((c) => ({ key: c.classId, label: c.displayName, ...c }))}
            />
          )}
        </>
      )}
    </div>
  );
}

/** Classes as a school lists them: by year (Reception, Year 1 … Year 6), then by name ('6B' before '6C'). */
export function classesInOrder<T extends { yearGroup: YearGroup | 'unknown'; displayName: string }>(
  classes: readonly T[],
): T[] {
  return [...classes].sort(
    (a, b) =>
      (a.yearGroup === b.yearGroup
        ? 0
        : a.yearGroup === 'unknown'
          ? 1
          : b.yearGroup === 'unknown'
            ? -1
            : compareYearGroups(a.yearGroup, b.yearGroup)) ||
      a.displayName.localeCompare(b.displayName, 'en-GB', { numeric: true }),
  );
}

type BreakdownRow = { label: string; roll: number; senSupport: number; ehcPlan: number };

/** A group of the roll per row (year group, class): its roll, K and E, and K + E as a share of it. */
function BreakdownTable(props: {
  title: string;
  groupLabel: string;
  rows: readonly (BreakdownRow & { key: string })[];
  total?: BreakdownRow;
  /** Long names (classes) wrap, so the whole table fits a phone without scrolling sideways. */
  wrapLabels?: boolean;
}) {
  const styles = useStyles();
  const share = (r: BreakdownRow) => percent(percentOf(r.senSupport + r.ehcPlan, r.roll));
  return (
    <>
      <Subtitle2 as="h3">{props.title}</Subtitle2>
      {/* A data table may scroll sideways on a phone (WCAG 1.4.10 exempts tables); the page does not. */}
      {/* Focusable so the keyboard can scroll it (axe: scrollable-region-focusable). */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <div className={styles.tableScroll} role="region" aria-label={props.title} tabIndex={0}>
        <Table size="small" className={styles.table} aria-label={`SEN register ${props.title.toLowerCase()}`}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{props.groupLabel}</TableHeaderCell>
              <TableHeaderCell>Roll</TableHeaderCell>
              <TableHeaderCell>SEN support</TableHeaderCell>
              <TableHeaderCell>EHC plan</TableHeaderCell>
              <TableHeaderCell>SEN (% of {props.groupLabel.toLowerCase()})</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {props.rows.map((r) => (
              <TableRow key={r.key}>
                <TableCell className={props.wrapLabels ? styles.wrap : styles.nowrap}>{r.label}</TableCell>
                <TableCell>{r.roll}</TableCell>
                <TableCell>{r.senSupport}</TableCell>
                <TableCell>{r.ehcPlan}</TableCell>
                <TableCell>{share(r)}</TableCell>
              </TableRow>
            ))}
            {props.total && (
              <TableRow className={styles.total}>
                <TableCell className={styles.nowrap}>{props.total.label}</TableCell>
                <TableCell>{props.total.roll}</TableCell>
                <TableCell>{props.total.senSupport}</TableCell>
                <TableCell>{props.total.ehcPlan}</TableCell>
                <TableCell>{share(props.total)}</TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </div>
    </>
  );
}
