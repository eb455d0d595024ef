import {
  Body1,
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Subtitle2,
  Switch,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { PLAN_AREAS_OF_NEED, type EhcPlan } from '../../../../domain/ehc-plan.schema.ts';
import { BROAD_AREA_LABELS } from '../../../../domain/needs.ts';
import { byDueDate } from '../../../../domain/timeline-step.ts';
import { EmptyState } from '../../../components/empty-state.tsx';
import { Facts } from '../../../components/facts.tsx';
import { dateTime, longDate } from '../../../components/format.ts';
import { LoadingLines } from '../../../components/loading.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { TimelineStepItem } from '../../../components/timeline-step-item.tsx';
import { usePupilParts } from '../pupil-parts.tsx';
import { useEhcPlan } from '../api/get-ehc-plan.ts';
import { EhcPlanForm } from './ehc-plan-form.tsx';
import { readPlanDraft } from './ehc-plan-draft.ts';
import { ReviewTrailForm } from './review-trail-form.tsx';
import {
  ceaseDraftKey,
  CeaseDecisionForm,
  EndPlanForm,
  mayEndText,
  WithdrawCeaseForm,
} from './cease-forms.tsx';
import { HeldReviewForm, heldReviewDraftKey } from './held-review-form.tsx';
import { hasSessionDraft } from '../../../components/use-session-draft.ts';
import { trailDraftKey } from './review-trail-form.tsx';

type Editing = 'record' | 'change' | 'trail' | 'cease' | 'end' | 'withdraw' | 'held';

/** The form a draft left from earlier belongs to, so unsaved entries are never lost by moving between tabs. */
function draftOpen(pupilId: string): Editing | undefined {
  if (readPlanDraft(pupilId, 'record')) return 'record';
  if (readPlanDraft(pupilId, 'change')) return 'change';
  if (hasSessionDraft(ceaseDraftKey(pupilId, 'decision'))) return 'cease';
  if (hasSessionDraft(ceaseDraftKey(pupilId, 'end'))) return 'end';
  if (hasSessionDraft(ceaseDraftKey(pupilId, 'withdrawal'))) return 'withdraw';
  if (hasSessionDraft(heldReviewDraftKey(pupilId))) return 'held';
  return undefined;
}

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
  reviews: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'start' },
});

/** The EHC plan and its statutory timeline: every date with its rule, citation, status and warnings. */
export function EhcPlanSection(props: { pupilId: string }) {
  const styles = useStyles();
  const { NeedsAssessmentSection, OutlookChanges, BookMeetingButton } = usePupilParts();
  const query = useEhcPlan(props.pupilId);
  const [showDone, setShowDone] = useState(false);
  // A draft left from earlier reopens its form, so unsaved edits are never lost by moving between tabs.
  const [editing, setEditing] = useState<Editing | undefined>(() => draftOpen(props.pupilId));
  const [saved, setSaved] = useState<string | undefined>();
  const savedRef = useRef<HTMLDivElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const trailRef = useRef<HTMLButtonElement>(null);
  const ceaseRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (saved) savedRef.current?.focus();
  }, [saved]);

  if (query.isPending) return <LoadingLines label="Loading the EHC plan" lines={8} />;
  if (query.isError)
    return <QueryError error={query.error} what="The EHC plan" onRetry={() => query.refetch()} />;
  const answer = query.data;
  const done = (message: string | undefined) => {
    const from =
      editing === 'trail' || editing === 'held'
        ? trailRef
        : editing === 'cease' || editing === 'end' || editing === 'withdraw'
          ? ceaseRef
          : openRef;
    setEditing(undefined);
    if (message) setSaved(message);
    else requestAnimationFrame(() => from.current?.focus());
  };
  const savedBar = saved && (
    <MessageBar intent="success">
      <MessageBarBody ref={savedRef} tabIndex={-1}>
        {saved}
      </MessageBarBody>
    </MessageBar>
  );
  const trailReview =
    answer.plan && !answer.plan.ceasedOn
      ? answer.plan.reviews.find((r) => r.id === answer.timeline.annualReview['currentReviewId'])
      : undefined;
  // A trail left unsaved for the current review reopens too (the review is known only once the plan is read).
  const open =
    editing ??
    (trailReview && hasSessionDraft(trailDraftKey(props.pupilId, trailReview.id)) ? 'trail' : undefined);
  if (open === 'trail' && trailReview && answer.plan) {
    return (
      <SectionCard title="Record the review trail">
        <ReviewTrailForm
          pupilId={props.pupilId}
          review={trailReview}
          eTag={answer.reviewETags[trailReview.id]}
          onDone={done}
        />
      </SectionCard>
    );
  }
  if (open === 'held' && answer.plan && !answer.plan.ceasedOn) {
    return (
      <SectionCard title="Record a review held without a booking">
        <HeldReviewForm
          pupilId={props.pupilId}
          dueBy={answer.timeline.annualReview.reviewDueBy}
          onDone={done}
        />
      </SectionCard>
    );
  }
  if (open === 'withdraw' && answer.plan?.ceaseDecision && !answer.plan.ceasedOn) {
    return (
      <SectionCard title="Withdraw the decision to cease">
        <WithdrawCeaseForm
          pupilId={props.pupilId}
          decision={answer.plan.ceaseDecision}
          eTag={answer.eTag}
          onDone={done}
        />
      </SectionCard>
    );
  }
  if ((open === 'cease' || open === 'end') && answer.plan && !answer.plan.ceasedOn) {
    return (
      <SectionCard title={open === 'cease' ? 'Record a decision to cease' : 'End the plan'}>
        {open === 'end' && answer.cease ? (
          <EndPlanForm pupilId={props.pupilId} cease={answer.cease} eTag={answer.eTag} onDone={done} />
        ) : (
          <CeaseDecisionForm
            pupilId={props.pupilId}
            decision={answer.plan.ceaseDecision}
            eTag={answer.eTag}
            onDone={done}
          />
        )}
      </SectionCard>
    );
  }
  if (editing === 'record' || editing === 'change') {
    return (
      <SectionCard title={editing === 'record' ? 'Record the EHC plan' : 'Amend or re-issue the EHC plan'}>
        <EhcPlanForm
          pupilId={props.pupilId}
          mode={editing}
          plan={answer.plan?.ceasedOn ? null : (answer.plan ?? null)}
          eTag={answer.plan ? answer.eTag : undefined}
          onDone={done}
        />
      </SectionCard>
    );
  }
  if (answer.plan === null || answer.plan.ceasedOn) {
    const ended = answer.plan?.ceasedOn;
    return (
      <div className={styles.root}>
        {savedBar}
        <EmptyState title={ended ? `The EHC plan ended on ${longDate(ended)}` : 'No EHC plan recorded'}>
          If the local authority has issued a plan, record it so SENCO Hub can work out the annual review
          dates.
        </EmptyState>
        <div>
          <Button ref={openRef} appearance="primary" onClick={() => setEditing('record')}>
            Record the EHC plan
          </Button>
        </div>
        <NeedsAssessmentSection pupilId={props.pupilId} />
      </div>
    );
  }
  const { plan, timeline } = answer;
  const steps = [...timeline.steps].sort(byDueDate);
  const shown = showDone ? steps : steps.filter((s) => s.status !== 'done');
  const doneCount = steps.length - steps.filter((s) => s.status !== 'done').length;

  const currentReview = plan.reviews.find((r) => r.id === timeline.annualReview['currentReviewId']);
  const booked = currentReview?.meetingOn !== undefined && !currentReview.heldOn;
  return (
    <div className={styles.root}>
      {savedBar}
      <OutlookChanges pupilId={props.pupilId} enabled={!plan.ceasedOn} />
      {!plan.ceasedOn && (
        <div className={styles.actions}>
          <BookMeetingButton pupilId={props.pupilId} kind="annual-review" hideButton={booked} />
          <BookMeetingButton pupilId={props.pupilId} kind="multi-agency" />
        </div>
      )}
      <SectionCard
        title="EHC plan"
        actions={
          <div className={styles.actions}>
            <Button ref={openRef} onClick={() => setEditing('change')}>
              Amend or re-issue
            </Button>
            <Button ref={answer.cease ? undefined : ceaseRef} onClick={() => setEditing('cease')}>
              {answer.cease ? 'Change the decision to cease' : 'Record a decision to cease'}
            </Button>
          </div>
        }
      >
        <Facts
          items={[
            ['Local authority', plan.localAuthority],
            ['Issued', longDate(plan.issuedOn)],
            [
              'EHC co-ordinator',
              `${plan.coordinator.name}${plan.coordinator.email ? ` (${plan.coordinator.email})` : ''}`,
            ],
            ['Annual review due by', longDate(timeline.annualReview.reviewDueBy)],
            ['Last assessed', longDate(plan.lastAssessedOn)],
            ['Placement', plan.placement ?? 'None named'],
            ...(plan.ceasedOn ? [['Ceased', longDate(plan.ceasedOn)] as [string, string]] : []),
            [
              'Last changed',
              `${dateTime(answer.modifiedAt)}${answer.modifiedBy ? ` by ${answer.modifiedBy}` : ''}`,
            ],
          ]}
        />
      </SectionCard>
      {answer.cease && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              The LA decided to cease the plan ({longDate(answer.cease.decision.notifiedOn)})
            </MessageBarTitle>
            Last day to appeal: {longDate(answer.cease.lastDayToAppeal)}. {mayEndText(answer.cease)}
          </MessageBarBody>
          <MessageBarActions>
            <Button ref={ceaseRef} onClick={() => setEditing('end')}>
              End the plan
            </Button>
            <Button onClick={() => setEditing('withdraw')}>Withdraw the decision</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {(plan.outcomes.length > 0 || plan.provision.length > 0) && (
        <SectionCard title="Outcomes and provision">
          <PlanSections plan={plan} />
        </SectionCard>
      )}
      {timeline.warnings.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Check these</MessageBarTitle>
            {timeline.warnings.join(' ')}
          </MessageBarBody>
        </MessageBar>
      )}
      <SectionCard
        title="Statutory timeline"
        actions={
          doneCount > 0 ? (
            <Switch
              label={`Show ${doneCount} done`}
              checked={showDone}
              onChange={(_e, data) => setShowDone(data.checked)}
            />
          ) : undefined
        }
      >
        {shown.length === 0 ? (
          <Body1 className={styles.muted}>Every step is done.</Body1>
        ) : (
          <ol className={styles.steps} aria-label="Statutory dates, earliest first">
            {shown.map((step) => (
              <li key={`${step.id}-${step.due}`}>
                <TimelineStepItem step={step} today={answer.today} />
              </li>
            ))}
          </ol>
        )}
      </SectionCard>
      <SectionCard
        title="Reviews"
        actions={
          plan.ceasedOn ? undefined : (
            <div className={styles.actions}>
              {currentReview && (
                <Button ref={trailRef} onClick={() => setEditing('trail')}>
                  Record the review trail
                </Button>
              )}
              {!booked && (
                <Button ref={currentReview ? undefined : trailRef} onClick={() => setEditing('held')}>
                  Record a review held without a booking
                </Button>
              )}
            </div>
          )
        }
      >
        {plan.reviews.length === 0 ? (
          <Body1 className={styles.muted}>No reviews recorded yet.</Body1>
        ) : (
          <ul className={styles.reviews}>
            {[...plan.reviews]
              .sort((a, b) => (b.meetingOn ?? '').localeCompare(a.meetingOn ?? ''))
              .map((r) => (
                <li key={r.id}>
                  <Body1>
                    {r.kind === 'annual'
                      ? 'Annual review'
                      : r.kind === 'interim'
                        ? 'Interim review'
                        : r.kind === 'phase-transfer'
                          ? 'Phase-transfer review'
                          : 'Review'}
                    {r.meetingOn ? `, meeting ${longDate(r.meetingOn)}` : ', meeting not booked'}
                    {r.heldOn ? ` (held ${longDate(r.heldOn)})` : ''}
                  </Body1>
                </li>
              ))}
          </ul>
        )}
      </SectionCard>
      <NeedsAssessmentSection pupilId={props.pupilId} />
    </div>
  );
}

/** Sections E and F, grouped by area of need. */
function PlanSections(props: { plan: EhcPlan }) {
  const areas = PLAN_AREAS_OF_NEED.filter(
    (a) => props.plan.outcomes.some((o) => o.area === a) || props.plan.provision.some((p) => p.area === a),
  );
  return (
    <>
      {areas.map((area) => (
        <section key={area} aria-label={BROAD_AREA_LABELS[area]}>
          <Subtitle2 as="h3">{BROAD_AREA_LABELS[area]}</Subtitle2>
          <Facts
            items={[
              ...props.plan.outcomes
                .filter((o) => o.area === area)
                .map((o, i) => [`Outcome ${i + 1}`, o.outcome] as [string, string]),
              ...props.plan.provision
                .filter((p) => p.area === area)
                .map((p, i) => [`Provision ${i + 1}`, p.provision] as [string, string]),
            ]}
          />
        </section>
      ))}
    </>
  );
}
