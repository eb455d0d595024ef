import { Badge, Body1, Button, Caption1, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import type {
  ClassSenSupportPlanAnswer,
  FullSenSupportPlanAnswer,
} from '../../../../contract/sen-support-plans.ts';
import { academicYearLabel } from '../../../../domain/academic-year.ts';
import {
  SEN_SUPPORT_PLAN_WORDING as W,
  supportLayerLabel,
} from '../../../../domain/sen-support-plan-wording.ts';
import type { ApdrCycle } from '../../../../domain/sen-support-plan.schema.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { Facts } from '../../../components/facts.tsx';
import { longDate } from '../../../components/format.ts';
import { LoadingLines } from '../../../components/loading.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { TimelineStepItem } from '../../../components/timeline-step-item.tsx';
import { useApiSession } from '../../../api/api-context.tsx';
import { useSenSupportPlan } from '../api/sen-support-plan.ts';
import { ParentMeetingDialog } from './parent-meeting-dialog.tsx';
import { PlanStageDialog } from './plan-stage-dialog.tsx';
import { PrintablePlan } from './printable-plan.tsx';
import { ReviewDialog } from './review-dialog.tsx';

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
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

const CADENCE = {
  met: 'Met for this year',
  'on-track': 'On track',
  behind: 'Behind: book a meeting',
  missed: 'Missed',
} as const;

/** SEN support: the graduated approach as assess–plan–do–review cycles, with parent meetings. */
export function SenSupportSection(props: { pupilId: string; pupilName: string }) {
  const query = useSenSupportPlan(props.pupilId);
  if (query.isPending) return <LoadingLines label="Loading the SEN support plan" lines={8} />;
  if (query.isError)
    return <QueryError error={query.error} what="The SEN support plan" onRetry={() => query.refetch()} />;
  if (query.data.access === 'class') return <ClassPlan answer={query.data} />;
  return <FullPlan answer={query.data} pupilName={props.pupilName} reload={() => query.refetch()} />;
}

type Dialog = 'plan' | 'review' | 'meeting' | undefined;

function FullPlan(props: {
  answer: FullSenSupportPlanAnswer;
  pupilName: string;
  reload: () => Promise<unknown>;
}) {
  const styles = useStyles();
  const { me } = useApiSession();
  const { answer } = props;
  const [dialog, setDialog] = useState<Dialog>();
  const [printing, setPrinting] = useState(false);
  const [done, setDone] = useState<string>();
  const statusRef = useRef<HTMLParagraphElement>(null);
  const printButton = useRef<HTMLButtonElement>(null);
  const onDone = (message: string) => {
    setDone(message);
    // After a save the dialog is gone: focus goes to what happened, where the next action is.
    setTimeout(() => statusRef.current?.focus(), 0);
  };
  const current = answer.plan?.cycles.at(-1);
  const open = current && !current.reviewedOn ? current : undefined;
  const dialogs = (
    <>
      {dialog === 'plan' && (
        <PlanStageDialog
          pupilId={answer.pupilId}
          answer={answer}
          open
          onClose={() => setDialog(undefined)}
          onDone={onDone}
          reload={props.reload}
        />
      )}
      {dialog === 'review' && open && (
        <ReviewDialog
          pupilId={answer.pupilId}
          answer={answer}
          cycle={open}
          open
          onClose={() => setDialog(undefined)}
          onDone={onDone}
          reload={props.reload}
        />
      )}
      {dialog === 'meeting' && (
        <ParentMeetingDialog
          pupilId={answer.pupilId}
          answer={answer}
          open
          onClose={() => setDialog(undefined)}
          onDone={onDone}
          reload={props.reload}
        />
      )}
    </>
  );
  const status = (
    <p ref={statusRef} tabIndex={-1} role="status" className={styles.muted}>
      {done ?? ''}
    </p>
  );
  if (answer.plan === null) {
    return (
      <div className={styles.root}>
        {status}
        <EmptyState title="No SEN support plan yet">
          A pupil on SEN support should have a plan with outcomes agreed with their parents and a clear review
          date (SEND Code of Practice 6.48).
        </EmptyState>
        <div className={styles.actions}>
          <Button appearance="primary" onClick={() => setDialog('plan')}>
            Write the plan
          </Button>
        </div>
        {dialogs}
      </div>
    );
  }
  if (printing)
    return (
      <PrintablePlan
        plan={answer.plan}
        pupilName={props.pupilName}
        onBack={() => {
          setPrinting(false);
          setTimeout(() => printButton.current?.focus(), 0);
        }}
      />
    );
  const cycles = [...answer.plan.cycles].sort((a, b) => b.startedOn.localeCompare(a.startedOn));
  const cadence = answer.parentReviewCadence;
  return (
    <div className={styles.root}>
      {status}
      <div className={styles.actions}>
        {open && (
          <Button appearance="primary" onClick={() => setDialog('review')}>
            Record the review
          </Button>
        )}
        <Button onClick={() => setDialog('meeting')}>Record a parent meeting</Button>
        {open && <Button onClick={() => setDialog('plan')}>Change the plan</Button>}
        <Button ref={printButton} onClick={() => setPrinting(true)}>
          Printable plan for parents
        </Button>
      </div>
      {dialogs}
      <SectionCard title={W.sections.layer.heading}>
        <Body1>{supportLayerLabel(answer.plan.layer)}</Body1>
      </SectionCard>
      {answer.reviewStep && (
        <SectionCard title="Next review">
          <ul className={styles.steps}>
            <li>
              <TimelineStepItem step={answer.reviewStep} today={me.today} />
            </li>
          </ul>
        </SectionCard>
      )}
      {cadence && (
        <SectionCard title="Parent meetings this year">
          <Body1>
            {cadence.held} of {cadence.required} held ({cadence.expectedByNow} expected by now).{' '}
            {CADENCE[cadence.status]}.
          </Body1>
          <Caption1 className={styles.muted}>{W.sections.parentMeetings.hint}</Caption1>
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
      )}
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

/** What class staff read: the outcomes sought and the support for each. */
function ClassPlan(props: { answer: ClassSenSupportPlanAnswer }) {
  const styles = useStyles();
  const plan = props.answer.classPlan;
  if (!plan) return <EmptyState title="No SEN support plan yet">The SENCO has not written one.</EmptyState>;
  return (
    <SectionCard title={W.sections.outcomes.heading}>
      <Facts
        items={[
          [W.sections.layer.heading, supportLayerLabel(plan.layer ?? undefined)],
          [W.reviewOn, longDate(plan.reviewOn)],
        ]}
      />
      {plan.pupilViews && (
        <>
          <Subtitle2 as="h3">{W.sections.pupilViews.heading}</Subtitle2>
          <Body1 className={styles.text}>{plan.pupilViews}</Body1>
        </>
      )}
      <ul className={styles.list}>
        {plan.outcomes.map((o, i) => (
          <li key={i}>
            <Body1 className={styles.text}>{o.description}</Body1>
            {o.provision.length > 0 && (
              <Caption1 className={styles.muted}>
                {W.outcome.provision}: {o.provision.join('; ')}
              </Caption1>
            )}
          </li>
        ))}
      </ul>
    </SectionCard>
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
      <Subtitle2 as="h3">{W.sections.assessment.heading}</Subtitle2>
      <Body1 className={styles.text}>{cycle.assessment}</Body1>
      {cycle.pupilViews && (
        <>
          <Subtitle2 as="h3">{W.sections.pupilViews.heading}</Subtitle2>
          <Body1 className={styles.text}>{cycle.pupilViews}</Body1>
        </>
      )}
      {cycle.parentViews && (
        <>
          <Subtitle2 as="h3">{W.sections.parentViews.heading}</Subtitle2>
          <Body1 className={styles.text}>{cycle.parentViews}</Body1>
        </>
      )}
      <Subtitle2 as="h3">{W.sections.outcomes.heading}</Subtitle2>
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
                  {W.progress[o.achieved]}
                </Badge>
              )}
            </span>
            {o.measure && (
              <Caption1 className={styles.muted}>
                {W.outcome.measure}: {o.measure}
              </Caption1>
            )}
            {o.provision && o.provision.length > 0 && (
              <Caption1 as="p" className={styles.muted}>
                {W.outcome.provision}: {o.provision.join('; ')}
              </Caption1>
            )}
            {o.progressNotes && (
              <Body1 as="p" className={styles.text}>
                {W.outcome.progressNotes}: {o.progressNotes}
              </Body1>
            )}
          </li>
        ))}
      </ul>
      {cycle.provision.length > 0 && <Subtitle2 as="h3">Other provision</Subtitle2>}
      {cycle.provision.length === 0 ? null : (
        <ul className={styles.list}>
          {cycle.provision.map((p, i) => (
            <li key={i}>
              <Body1 className={styles.text}>{p.description}</Body1>
            </li>
          ))}
        </ul>
      )}
      <Subtitle2 as="h3">{W.sections.review.heading}</Subtitle2>
      <Body1 className={styles.text}>
        {cycle.reviewNotes ?? (cycle.reviewedOn ? 'No notes.' : 'Not reviewed yet.')}
      </Body1>
      <Subtitle2 as="h3">{W.sections.parentMeetings.heading}</Subtitle2>
      {cycle.parentMeetings.length === 0 ? (
        <Body1 className={styles.muted}>None in this cycle.</Body1>
      ) : (
        <ul className={styles.list}>
          {cycle.parentMeetings.map((m) => (
            <li key={`${m.on}-${m.attendees.join()}`}>
              <Body1>{longDate(m.on)}</Body1>
              {m.attendees.length > 0 && (
                <Caption1 className={styles.muted}> with {m.attendees.join(', ')}</Caption1>
              )}
              {m.agreed && (
                <div className={styles.text}>
                  {W.meeting.agreed}: {m.agreed}
                </div>
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
