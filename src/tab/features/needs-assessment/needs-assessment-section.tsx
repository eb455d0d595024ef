import { Body1, Button, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { NeedsAssessmentView } from '../../../contract/needs-assessments.ts';
import type { CalendarDate } from '../../../domain/calendar-date.ts';
import type { Requester } from '../../../domain/ehc-plan.schema.ts';
import { byDueDate } from '../../../domain/timeline-step.ts';
import { Facts } from '../../components/facts.tsx';
import { dateTime, longDate } from '../../components/format.ts';
import { LoadingLines } from '../../components/loading.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { SectionCard } from '../../components/section-card.tsx';
import { TimelineStepItem } from '../../components/timeline-step-item.tsx';
import { useNeedsAssessments } from './api.ts';
import { openDraftOf } from './needs-assessment-draft.ts';
import { NeedsAssessmentForm, REQUESTER_LABELS } from './needs-assessment-form.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  steps: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  muted: { color: tokens.colorNeutralForeground2 },
});

/**
 * EHC needs assessment requests and the LA's statutory clock for each (SEND Regulations 2014 regs 5, 10 and
 * 13, https://www.legislation.gov.uk/uksi/2014/1530): decision by week 6, final plan by week 20. Shown with
 * or without a plan, since a parent's request often comes first.
 */
export function NeedsAssessmentSection(props: { pupilId: string }) {
  const styles = useStyles();
  const query = useNeedsAssessments(props.pupilId);
  // 'request' for a new request, an id for that request's milestones, null for neither; until the SENCO
  // chooses, a draft left from earlier reopens its form so unsaved entries are never lost.
  const [chosen, setEditing] = useState<string | null | undefined>();
  const [saved, setSaved] = useState<string | undefined>();
  const savedRef = useRef<HTMLDivElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (saved) savedRef.current?.focus();
  }, [saved]);

  if (query.isPending) return <LoadingLines label="Loading needs assessment requests" lines={4} />;
  if (query.isError)
    return (
      <QueryError error={query.error} what="Needs assessment requests" onRetry={() => query.refetch()} />
    );
  const answer = query.data;
  const editing =
    chosen === undefined
      ? openDraftOf(
          props.pupilId,
          answer.assessments.map((a) => a.assessment.id),
        )
      : chosen;
  const done = (message: string | undefined) => {
    setEditing(null);
    if (message) setSaved(message);
    else requestAnimationFrame(() => openRef.current?.focus());
  };
  const editingView = answer.assessments.find((a) => a.assessment.id === editing);
  if (editing === 'request' || editingView) {
    return (
      <SectionCard
        title={editingView ? 'Record what the LA did' : 'Record a request for an EHC needs assessment'}
      >
        <NeedsAssessmentForm
          pupilId={props.pupilId}
          {...(editingView ? { assessment: editingView.assessment, eTag: editingView.eTag } : {})}
          onDone={done}
        />
      </SectionCard>
    );
  }
  return (
    <section className={styles.root} aria-label="Needs assessment">
      {saved && (
        <MessageBar intent="success">
          <MessageBarBody ref={savedRef} tabIndex={-1}>
            {saved}
          </MessageBarBody>
        </MessageBar>
      )}
      <SectionCard
        title="Needs assessment"
        actions={
          <Button ref={openRef} onClick={() => setEditing('request')}>
            Record a request
          </Button>
        }
      >
        {answer.assessments.length === 0 ? (
          <Body1 className={styles.muted}>
            No request for an EHC needs assessment recorded. When the school, a parent or the young person
            asks the local authority, record it here to follow the 20-week clock.
          </Body1>
        ) : (
          <Body1 className={styles.muted}>
            The LA must decide whether to assess within 6 weeks and issue any final plan within 20 weeks of
            receiving the request.
          </Body1>
        )}
      </SectionCard>
      {[...answer.assessments].reverse().map((view) => (
        <AssessmentCard
          key={view.assessment.id}
          view={view}
          today={answer.today}
          onRecord={() => setEditing(view.assessment.id)}
        />
      ))}
    </section>
  );
}

const FROM: Record<Requester, string> = {
  school: 'the school',
  parent: 'a parent',
  'young-person': 'the young person',
  health: 'health services',
  other: 'someone else',
};

function AssessmentCard(props: { view: NeedsAssessmentView; today: CalendarDate; onRecord: () => void }) {
  const styles = useStyles();
  const { assessment: a, timeline } = props.view;
  const decision = a.decisionToAssess;
  const title = `Request from ${FROM[a.requestedBy]}, received by the LA ${longDate(a.receivedByLaOn)}`;
  return (
    <SectionCard
      title={title}
      actions={
        <Button onClick={props.onRecord} aria-label={`Record what the LA did: ${title}`}>
          Record what the LA did
        </Button>
      }
    >
      <Facts
        items={[
          ['Requested by', REQUESTER_LABELS[a.requestedBy]],
          ['Date of the request', a.requestedOn ? longDate(a.requestedOn) : 'Not recorded'],
          ['LA received it', longDate(a.receivedByLaOn)],
          [
            'Decision',
            decision
              ? `${decision.decision === 'assess' ? 'To assess' : 'Not to assess'}, ${longDate(decision.notifiedOn)}`
              : 'Not decided yet',
          ],
          ['Draft plan issued', a.draftPlanServedOn ? longDate(a.draftPlanServedOn) : 'Not yet'],
          ['Final plan issued', a.finalPlanIssuedOn ? longDate(a.finalPlanIssuedOn) : 'Not yet'],
          [
            'Last changed',
            `${dateTime(props.view.modifiedAt)}${props.view.modifiedBy ? ` by ${props.view.modifiedBy}` : ''}`,
          ],
        ]}
      />
      <ol className={styles.steps} aria-label="The LA’s clock, earliest first">
        {[...timeline].sort(byDueDate).map((step) => (
          <li key={`${step.id}-${step.due}`}>
            <TimelineStepItem step={step} today={props.today} />
          </li>
        ))}
      </ol>
    </SectionCard>
  );
}
