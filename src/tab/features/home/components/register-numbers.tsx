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
  tokens,
} from '@fluentui/react-components';
import {
  BROAD_AREAS_OF_NEED,
  BROAD_AREA_LABELS,
  SEN_NEED_CODES,
  SEN_NEEDS,
} from '../../../../domain/needs.ts';
import { percent, plural, yearGroupLabel } from '../../../components/format.ts';
import { LoadingLines } from '../../../components/loading.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { useRegisterSummary, type RegisterSummaryAnswer } from '../../register/api/get-register-summary.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  tiles: {
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
  bars: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  barLine: {
    display: 'flex',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    flexWrap: 'wrap',
  },
  track: {
    height: '8px',
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralBackground4,
    overflow: 'hidden',
  },
  bar: { height: '100%', backgroundColor: tokens.colorBrandBackground },
  muted: { color: tokens.colorNeutralForeground2 },
  table: { width: '100%' },
});

function Bars(props: { items: { label: string; count: number; percent: number }[]; label: string }) {
  const styles = useStyles();
  return (
    <ul className={styles.bars} aria-label={props.label}>
      {props.items.map((item) => (
        <li key={item.label}>
          <div className={styles.barLine}>
            <Body1>{item.label}</Body1>
            <Body1 className={styles.muted}>
              {item.count} ({percent(item.percent)})
            </Body1>
          </div>
          <div className={styles.track} aria-hidden="true">
            <div className={styles.bar} style={{ width: `${Math.min(100, item.percent)}%` }} />
          </div>
        </li>
      ))}
    </ul>
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
      <div className={styles.tiles}>
        <div className={styles.tile}>
          <Text className={styles.number}>{s.senCount}</Text>
          <Caption1>
            on the SEN register ({percent(Math.round((s.senCount / Math.max(1, s.roll)) * 1000) / 10)} of{' '}
            {plural(s.roll, 'pupil')})
          </Caption1>
        </div>
        <div className={styles.tile}>
          <Text className={styles.number}>{s.byStatus.K.count}</Text>
          <Caption1>SEN support ({percent(s.byStatus.K.percent)} of the roll)</Caption1>
        </div>
        <div className={styles.tile}>
          <Text className={styles.number}>{s.byStatus.E.count}</Text>
          <Caption1>EHC plans ({percent(s.byStatus.E.percent)} of the roll)</Caption1>
        </div>
      </div>
      <Subtitle2 as="h3">By broad area of need</Subtitle2>
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
          <Subtitle2 as="h3">By year group</Subtitle2>
          <Table size="small" className={styles.table} aria-label="SEN register by year group">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Year</TableHeaderCell>
                <TableHeaderCell>Roll</TableHeaderCell>
                <TableHeaderCell>SEN support</TableHeaderCell>
                <TableHeaderCell>EHC</TableHeaderCell>
                <TableHeaderCell>SEN %</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {s.byYearGroup.map((y) => (
                <TableRow key={y.yearGroup}>
                  <TableCell>{y.yearGroup === 'unknown' ? 'Unknown' : yearGroupLabel(y.yearGroup)}</TableCell>
                  <TableCell>{y.roll}</TableCell>
                  <TableCell>{y.senSupport}</TableCell>
                  <TableCell>{y.ehcPlan}</TableCell>
                  <TableCell>{percent(y.sen.percent)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </div>
  );
}
