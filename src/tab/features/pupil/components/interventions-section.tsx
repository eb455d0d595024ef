import { Body1, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { BROAD_AREA_LABELS } from '../../../../domain/needs.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { Facts } from '../../../components/facts.tsx';
import { longDate, money, percent } from '../../../components/format.ts';
import { LoadingLines } from '../../../components/loading.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { usePupilInterventions } from '../api/get-pupil-interventions.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
});

/** The interventions a pupil is in: when they joined and left, entry and exit measures, attendance, cost. */
export function InterventionsSection(props: { pupilId: string }) {
  const styles = useStyles();
  const query = usePupilInterventions(props.pupilId);
  if (query.isPending) return <LoadingLines label="Loading interventions" lines={6} />;
  if (query.isError)
    return <QueryError error={query.error} what="Interventions" onRetry={() => query.refetch()} />;
  if (query.data.interventions.length === 0) {
    return (
      <EmptyState title="Not in any intervention">
        Add the pupil to an intervention on the provision map when one starts.
      </EmptyState>
    );
  }
  return (
    <div className={styles.root}>
      {query.data.interventions.map((i) => {
        const p = i.participation;
        const measure = i.measureName ?? 'Score';
        const attendance =
          p.sessionsAttended !== undefined && p.sessionsOffered
            ? (p.sessionsAttended / p.sessionsOffered) * 100
            : null;
        return (
          <SectionCard key={i.id} title={i.name}>
            <Caption1 className={styles.muted}>
              {BROAD_AREA_LABELS[i.areaOfNeed]} · {i.delivery === 'group' ? 'Group' : 'One to one'} ·{' '}
              {i.staff.map((s) => `${s.name} (${s.role})`).join(', ') || 'No staff named'}
            </Caption1>
            <Facts
              items={[
                ['Runs', `${longDate(i.startOn)} – ${i.endOn ? longDate(i.endOn) : 'ongoing'}`],
                ['Joined', p.joinedOn ? longDate(p.joinedOn) : 'From the start'],
                ...(p.leftOn ? [['Left', longDate(p.leftOn)] as [string, string]] : []),
                // Worded as the provision map's measures dialog words them, so both read the same.
                [`${measure} at entry`, p.entryMeasure?.toString() ?? 'Not recorded'],
                [`${measure} at exit`, p.exitMeasure?.toString() ?? 'Not recorded'],
                [
                  'Attendance',
                  attendance === null
                    ? 'Not recorded'
                    : `${p.sessionsAttended} of ${p.sessionsOffered} sessions (${percent(Math.round(attendance * 10) / 10)})`,
                ],
                ['Cost share', money(i.costShare)],
              ]}
            />
            {p.entryMeasure !== undefined && p.exitMeasure !== undefined && (
              <Body1>
                Change: {p.exitMeasure - p.entryMeasure > 0 ? '+' : ''}
                {Math.round((p.exitMeasure - p.entryMeasure) * 100) / 100}
              </Body1>
            )}
          </SectionCard>
        );
      })}
    </div>
  );
}
