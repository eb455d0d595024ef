import {
  Body1,
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
import { BROAD_AREAS_OF_NEED, BROAD_AREA_LABELS } from '../../domain/needs.ts';
import { EmptyState } from './empty-state.tsx';
import { Facts } from './facts.tsx';
import { longDate, money, percent } from './format.ts';
import { LoadingLines } from './loading.tsx';
import { QueryError } from './query-error.tsx';
import { StackedList } from './stacked-list.tsx';
import { useMediaQuery } from './use-media-query.ts';
import { useProvisionSummary } from '../api/provision-summary.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
});

/** Provision costs and impact with no pupil in them: the headteacher's view, and the SENCO's totals. */
export function ProvisionCosts(props: { compact?: boolean }) {
  const styles = useStyles();
  const summary = useProvisionSummary();
  const wide = useMediaQuery('(min-width: 720px)') && !props.compact;
  if (summary.isPending) return <LoadingLines label="Loading provision costs" lines={5} />;
  if (summary.isError)
    return <QueryError error={summary.error} what="Provision costs" onRetry={() => summary.refetch()} />;
  const s = summary.data;
  if (s.interventions.length === 0) {
    return (
      <EmptyState title="No interventions on the provision map yet">
        The SENCO adds them as they start.
      </EmptyState>
    );
  }
  const budget = s.notionalSenBudget ?? null;
  return (
    <div className={styles.root}>
      <Facts
        items={[
          ['Total cost so far', money(s.totalCost)],
          [
            'Notional SEN budget',
            budget === null
              ? 'Not recorded in SENCO Hub yet'
              : `${money(budget, { whole: true })} (${percent(Math.round((s.totalCost / budget) * 1000) / 10)} used)`,
          ],
          ['As of', longDate(s.asOf)],
          ...BROAD_AREAS_OF_NEED.filter((a) => s.byAreaOfNeed[a] > 0).map(
            (a) => [BROAD_AREA_LABELS[a], money(s.byAreaOfNeed[a])] as [string, string],
          ),
        ]}
      />
      <Subtitle2 as="h3">By intervention</Subtitle2>
      {wide ? (
        <Table size="small" aria-label="Cost and impact by intervention">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Intervention</TableHeaderCell>
              <TableHeaderCell>Pupils</TableHeaderCell>
              <TableHeaderCell>Cost</TableHeaderCell>
              <TableHeaderCell>Per pupil</TableHeaderCell>
              <TableHeaderCell>Improved</TableHeaderCell>
              <TableHeaderCell>Attendance</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {s.interventions.map((i) => (
              <TableRow key={i.id}>
                <TableCell>{i.name}</TableCell>
                <TableCell>{i.pupilCount}</TableCell>
                <TableCell>{money(i.cost)}</TableCell>
                <TableCell>{money(i.costPerPupil)}</TableCell>
                <TableCell>
                  {i.measured > 0 ? `${i.improved}/${i.measured} (${percent(i.improvedPercent)})` : '—'}
                </TableCell>
                <TableCell>{percent(i.attendancePercent)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : (
        <StackedList label="Cost and impact by intervention" divided>
          {s.interventions.map((i) => (
            <li key={i.id}>
              <Text weight="semibold">{i.name}</Text>
              <br />
              <Body1 className={styles.muted}>
                {i.pupilCount === 1 ? '1 pupil' : `${i.pupilCount} pupils`} · {money(i.cost)} (
                {money(i.costPerPupil)} each) ·{' '}
                {i.measured > 0 ? `${i.improved} of ${i.measured} improved` : 'no exit measures yet'}
              </Body1>
            </li>
          ))}
        </StackedList>
      )}
    </div>
  );
}
