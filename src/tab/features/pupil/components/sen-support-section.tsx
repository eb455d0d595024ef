import { Badge, Body1, Caption1, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { academicYearLabel } from '../../../../domain/academic-year.ts';
import type { ApdrCycle } from '../../../../domain/sen-support-plan.schema.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { Facts } from '../../../components/facts.tsx';
import { longDate } from '../../../components/format.ts';
import { LoadingLines } from '../../../components/loading.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { TimelineStepItem } from '../../../components/timeline-step-item.tsx';
import { useApiSession } from '../../../api/api-context.tsx';
import { useSenSupportPlan } from '../api/get-sen-support-plan.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  steps: { listStyleType: 'none', margin: 0, padding: 0 },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
  },
  cycle: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  text: { whiteSpace: 'pre-line', overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground2 },
  head: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

const ACHIEVED = { 'not-yet': 'Not yet', partly: 'Partly', achieved: 'Achieved' } as const;
const CADENCE = {
  met: 'Met for this year',
  'on-track': 'On track',
  behind: 'Behind: book a meeting',
  missed: 'Missed',
} as const;

/** SEN support: the graduated approach as assess–plan–do–review cycles, with parent meetings. */
export function SenSupportSection(props: { pupilId: string }) {
  const styles = useStyles();
  const { me } = useApiSession();
  const query = useSenSupportPlan(props.pupilId);
  if (query.isPending) return <LoadingLines label="Loading the SEN support plan" lines={8} />;
  if (query.isError)
    return <QueryError error={query.error} what="The SEN support plan" onRetry={() => query.refetch()} />;
  const answer = query.data;
  if (answer.plan === null) {
    return (
      <EmptyState title="No SEN support plan yet">
        A pupil on SEN support should have a plan with outcomes agreed with their parents and a clear review
        date (SEND Code of Practice 6.48).
      </EmptyState>
    );
  }
  const cycles = [...answer.plan.cycles].sort((a, b) => b.startedOn.localeCompare(a.startedOn));
  const cadence = answer.parentReviewCadence;
  return (
    <div className={styles.root}>
      {answer.reviewStep && (
        <SectionCard title="Next review">
          <ul className={styles.steps}>
            <li>
              <TimelineStepItem step={answer.reviewStep} today={me.today} />
            </li>
          </ul>
        </SectionCard>
      )}
      <SectionCard title="Parent meetings this year">
        <Body1>
          {cadence.held} of {cadence.required} held ({cadence.expectedByNow} expected by now).{' '}
          {CADENCE[cadence.status]}.
        </Body1>
        {answer.pastParentReviewYears.length > 0 && (
          <ul className={styles.list} aria-label="Parent meetings in past years">
            {answer.pastParentReviewYears.map((year) => (
              <li key={year.academicYear}>
                <Body1>
                  {academicYearLabel(year.academicYear)}: {year.held} of {year.required} held.{' '}
                  {year.status === 'met' ? 'Met' : 'Missed'}.
                </Body1>
              </li>
            ))}
          </ul>
        )}
      </SectionCard>
      {cycles.map((cycle, index) => (
        <SectionCard
          key={cycle.id}
          title={index === 0 ? 'Current cycle' : `Cycle from ${longDate(cycle.startedOn)}`}
        >
          <Cycle cycle={cycle} />
        </SectionCard>
      ))}
    </div>
  );
}

function Cycle(props: { cycle: ApdrCycle }) {
  const styles = useStyles();
  const { cycle } = props;
  return (
    <div className={styles.cycle}>
      <Facts
        items={[
          ['Started', longDate(cycle.startedOn)],
          ['Review date', longDate(cycle.reviewOn)],
          ['Reviewed', cycle.reviewedOn ? longDate(cycle.reviewedOn) : 'Not yet'],
        ]}
      />
      <Subtitle2 as="h3">Assess</Subtitle2>
      <Body1 className={styles.text}>{cycle.assessment}</Body1>
      <Subtitle2 as="h3">Plan: outcomes</Subtitle2>
      <ul className={styles.list}>
        {cycle.outcomes.map((o, i) => (
          <li key={i}>
            <span className={styles.head}>
              <Body1 className={styles.text}>{o.description}</Body1>
              {o.achieved && (
                <Badge
                  appearance="tint"
                  shape="rounded"
                  color={
                    o.achieved === 'achieved'
                      ? 'success'
                      : o.achieved === 'partly'
                        ? 'warning'
                        : 'informative'
                  }
                >
                  {ACHIEVED[o.achieved]}
                </Badge>
              )}
            </span>
            {o.measure && <Caption1 className={styles.muted}>Measured by: {o.measure}</Caption1>}
          </li>
        ))}
      </ul>
      <Subtitle2 as="h3">Do: provision</Subtitle2>
      {cycle.provision.length === 0 ? (
        <Body1 className={styles.muted}>None recorded.</Body1>
      ) : (
        <ul className={styles.list}>
          {cycle.provision.map((p, i) => (
            <li key={i}>
              <Body1 className={styles.text}>{p.description}</Body1>
            </li>
          ))}
        </ul>
      )}
      <Subtitle2 as="h3">Review</Subtitle2>
      <Body1 className={styles.text}>
        {cycle.reviewNotes ?? (cycle.reviewedOn ? 'No notes.' : 'Not reviewed yet.')}
      </Body1>
      <Subtitle2 as="h3">Parent meetings</Subtitle2>
      {cycle.parentMeetings.length === 0 ? (
        <Body1 className={styles.muted}>None in this cycle.</Body1>
      ) : (
        <ul className={styles.list}>
          {cycle.parentMeetings.map((m) => (
            <li key={m.on}>
              <Body1>{longDate(m.on)}</Body1>
              {m.attendees.length > 0 && (
                <Caption1 className={styles.muted}> with {m.attendees.join(', ')}</Caption1>
              )}
              {m.notes && (
                <Body1 as="p" className={styles.text}>
                  {m.notes}
                </Body1>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
