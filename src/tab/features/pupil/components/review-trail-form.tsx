import { Field, Input, Select, Textarea } from '@fluentui/react-components';
import { useEffect } from 'react';
import { reviewTrailBody } from '../../../../contract/ehc-plans.ts';
import { INVITEE_ROLES, type Review } from '../../../../domain/review.schema.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { ConflictNotice } from '../../../components/conflict-notice.tsx';
import { useFormStyles } from '../../../components/form-styles.ts';
import { longDate } from '../../../components/format.ts';
import { PageForm } from '../../../components/page-form.tsx';
import { errorsByField, focusFirstField, useCheckedSave } from '../../../components/use-checked-save.ts';
import { useSessionDraft } from '../../../components/use-session-draft.ts';
import { reviewConflictOf, useSaveReviewTrail } from '../api/save-ehc-plan-review.ts';
import { AdviceRequestsEditor, type AdviceRow } from './review-advice-editor.tsx';

/** Where a review's unsaved trail is kept (this browser tab only). */
export const trailDraftKey = (pupilId: string, reviewId: string) =>
  `sencohub.reviewTrail.${reviewId}.${pupilId}`;

/** The id of the control for a field path, so an error can take the keyboard to it. */
export const trailFieldId = (path: string) => `trail-field-${path.replace(/\./g, '-')}`;

type DateKey = 'heldOn' | 'adviceCirculatedOn' | 'reportSentOn' | 'finalAmendedPlanIssuedOn';
type Decision = '' | 'maintain' | 'amend' | 'cease';
type TrailState = {
  heldOn: string;
  adviceRequests: AdviceRow[];
  adviceCirculatedOn: string;
  recommendation: Decision;
  amendmentsRecommended: string;
  reportSentOn: string;
  laDecision: Decision;
  laNotifiedOn: string;
  finalAmendedPlanIssuedOn: string;
  notes: string;
};

function stateOf(review: Review): TrailState {
  return {
    heldOn: review.heldOn ?? '',
    adviceRequests: review.adviceRequests.map((a) => ({
      from: a.from,
      role: a.role,
      requestedOn: a.requestedOn,
      receivedOn: a.receivedOn ?? '',
      professionalId: a.professionalId,
    })),
    adviceCirculatedOn: review.adviceCirculatedOn ?? '',
    recommendation: review.recommendation ?? '',
    amendmentsRecommended: review.amendmentsRecommended ?? '',
    reportSentOn: review.reportSentOn ?? '',
    laDecision: review.laDecision?.decision ?? '',
    laNotifiedOn: review.laDecision?.notifiedOn ?? '',
    finalAmendedPlanIssuedOn: review.finalAmendedPlanIssuedOn ?? '',
    notes: review.notes ?? '',
  };
}

const blank = (s: string) => (s.trim() === '' ? undefined : s);

/** The whole trail as the contract takes it; the LA's decision keeps what the form does not show. */
function bodyOf(s: TrailState, review: Review, eTag: string | undefined) {
  const laDecision =
    s.laDecision === '' && s.laNotifiedOn === ''
      ? undefined
      : {
          decision: blank(s.laDecision),
          notifiedOn: blank(s.laNotifiedOn),
          proposedAmendmentsSentOn: review.laDecision?.proposedAmendmentsSentOn,
        };
  return reviewTrailBody.safeParse({
    heldOn: blank(s.heldOn),
    adviceRequests: s.adviceRequests.map((a) => ({
      from: a.from,
      role: a.role,
      professionalId: a.professionalId,
      requestedOn: a.requestedOn,
      receivedOn: blank(a.receivedOn),
    })),
    adviceCirculatedOn: blank(s.adviceCirculatedOn),
    recommendation: blank(s.recommendation),
    amendmentsRecommended: blank(s.amendmentsRecommended),
    reportSentOn: blank(s.reportSentOn),
    laDecision,
    finalAmendedPlanIssuedOn: blank(s.finalAmendedPlanIssuedOn),
    notes: blank(s.notes),
    expectedETag: eTag,
  });
}

/** Where an error on a path is shown: the LA decision's own refusal sits on its decision control. */
const shownAt = (path: string) => (path === 'laDecision' ? 'laDecision.decision' : path);

const DECISIONS: { value: Decision; label: string }[] = [
  { value: '', label: 'Not yet' },
  { value: 'maintain', label: 'Maintain the plan as it is' },
  { value: 'amend', label: 'Amend the plan' },
  { value: 'cease', label: 'Cease the plan' },
];

/**
 * The trail of one EHC plan review (SEND Regulations 2014, regs 19-20,
 * https://www.legislation.gov.uk/uksi/2014/1530/regulation/20): advice asked for and received, the meeting,
 * its recommendation and report, the LA's decision and the final amended plan. Checked with the contract's
 * schema; a change someone else saved meanwhile shows the stored review, with focus on the notice.
 */
export function ReviewTrailForm(props: {
  pupilId: string;
  review: Review;
  eTag: string | undefined;
  onDone: (message: string | undefined) => void;
}) {
  const styles = useFormStyles();
  const { me } = useApiSession();
  const save = useSaveReviewTrail();
  // Unsaved entries, with the version they were made from, are kept in this browser tab until saved or cancelled.
  const draft = useSessionDraft<{ state: TrailState; eTag: string | undefined }>(
    trailDraftKey(props.pupilId, props.review.id),
    () => ({ state: stateOf(props.review), eTag: props.eTag }),
  );
  const { state, eTag } = draft.value;
  const setState = (next: TrailState) => draft.update({ state: next, eTag });
  const setETag = (next: string | undefined) => draft.update({ state, eTag: next });
  useEffect(() => {
    document.getElementById(trailFieldId('heldOn'))?.focus();
  }, []);

  const conflict = reviewConflictOf(save.error);
  const { errors, other, submit } = useCheckedSave({
    save,
    what: 'The review',
    idOf: trailFieldId,
    conflicted: conflict !== undefined,
    shownAt,
  });
  const set = (patch: Partial<TrailState>) => setState({ ...state, ...patch });
  const check = () => {
    const parsed = bodyOf(state, props.review, eTag);
    return parsed.success
      ? {
          success: true as const,
          write: { pupilId: props.pupilId, reviewId: props.review.id, body: parsed.data },
        }
      : { success: false as const, errors: errorsByField(parsed.error.issues, shownAt) };
  };

  const date = (key: DateKey, label: string, hint?: string) => (
    <Field label={label} hint={hint} validationMessage={errors[key]}>
      <Input
        id={trailFieldId(key)}
        type="date"
        max={me.today}
        value={state[key]}
        onChange={(_e, d) => set({ [key]: d.value })}
      />
    </Field>
  );
  const decision = (key: 'recommendation' | 'laDecision', label: string, path: string) => (
    <Field label={label} validationMessage={errors[path]}>
      <Select
        id={trailFieldId(path)}
        value={state[key]}
        onChange={(_e, d) => set({ [key]: d.value as Decision })}
      >
        {DECISIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </Field>
  );

  return (
    <PageForm
      label="Record the review trail"
      restored={draft.restored}
      failure={other?.detail}
      saveId="trail-save"
      saveLabel="Save the review trail"
      pending={save.isPending}
      onSubmit={() =>
        submit(check(), () => {
          draft.discard();
          props.onDone('Review trail saved.');
        })
      }
      onCancel={() => {
        draft.discard();
        props.onDone(undefined);
      }}
      conflict={
        conflict && (
          <ConflictNotice
            subject="this review"
            changedBy={conflict.changedBy}
            changedAt={conflict.changedAt}
            summaryLabel="The review as they saved it"
            summary={conflict.review ? reviewSummary(conflict.review) : []}
            onKeepMine={() => {
              setETag(conflict.eTag);
              save.reset();
              requestAnimationFrame(() => document.getElementById('trail-save')?.focus());
            }}
            onUseTheirs={
              conflict.review
                ? () => {
                    if (conflict.review)
                      draft.update({ state: stateOf(conflict.review), eTag: conflict.eTag });
                    save.reset();
                    requestAnimationFrame(() => focusFirstField([trailFieldId('heldOn')]));
                  }
                : undefined
            }
          />
        )
      }
    >
      <AdviceRequestsEditor
        rows={state.adviceRequests}
        roles={INVITEE_ROLES}
        today={me.today}
        errors={errors}
        idOf={trailFieldId}
        onChange={(adviceRequests) => set({ adviceRequests })}
      />
      <div className={styles.rowFromTop}>
        {date(
          'adviceCirculatedOn',
          'Advice circulated on',
          'Sent to everyone invited, at least 2 weeks before',
        )}
        {date('heldOn', 'Meeting held on')}
      </div>
      {decision('recommendation', 'The meeting’s recommendation', 'recommendation')}
      <Field label="Amendments recommended" validationMessage={errors['amendmentsRecommended']}>
        <Textarea
          id={trailFieldId('amendmentsRecommended')}
          resize="vertical"
          value={state.amendmentsRecommended}
          onChange={(_e, d) => set({ amendmentsRecommended: d.value })}
        />
      </Field>
      {date('reportSentOn', 'Report sent to the LA on', 'Within 2 weeks of the meeting')}
      <div className={styles.row}>
        {decision('laDecision', 'The LA’s decision', 'laDecision.decision')}
        <Field label="LA decision notified on" validationMessage={errors['laDecision.notifiedOn']}>
          <Input
            id={trailFieldId('laDecision.notifiedOn')}
            type="date"
            max={me.today}
            value={state.laNotifiedOn}
            onChange={(_e, d) => set({ laNotifiedOn: d.value })}
          />
        </Field>
      </div>
      {date('finalAmendedPlanIssuedOn', 'Final amended plan issued on')}
      <Field label="Review notes" validationMessage={errors['notes']}>
        <Textarea
          id={trailFieldId('notes')}
          resize="vertical"
          value={state.notes}
          onChange={(_e, d) => set({ notes: d.value })}
        />
      </Field>
    </PageForm>
  );
}

/** Their version of the review, one line each. */
function reviewSummary(review: Review): string[] {
  return [
    `Meeting held: ${longDate(review.heldOn)}`,
    `Advice: ${review.adviceRequests.filter((a) => a.receivedOn).length} of ${review.adviceRequests.length} received`,
    `Recommendation: ${review.recommendation ?? 'none yet'}`,
    `Report sent: ${longDate(review.reportSentOn)}`,
    `LA decision: ${
      review.laDecision
        ? `${review.laDecision.decision}, notified ${longDate(review.laDecision.notifiedOn)}`
        : 'none yet'
    }`,
  ];
}
