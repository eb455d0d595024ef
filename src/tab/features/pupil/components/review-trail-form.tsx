import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { reviewTrailBody } from '../../../../contract/ehc-plans.ts';
import { INVITEE_ROLES, type Review } from '../../../../domain/review.schema.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { ConflictNotice } from '../../../components/conflict-notice.tsx';
import { describeError } from '../../../components/describe-error.ts';
import { longDate } from '../../../components/format.ts';
import { useSessionDraft } from '../../../components/use-session-draft.ts';
import { reviewConflictOf, useSaveReviewTrail } from '../api/save-ehc-plan-review.ts';
import { fieldErrorsOf } from '../api/save-sen-record.ts';
import { AdviceRequestsEditor, type AdviceRow } from './review-advice-editor.tsx';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '48rem' },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

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
  const styles = useStyles();
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
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    document.getElementById(trailFieldId('heldOn'))?.focus();
  }, []);

  const conflict = reviewConflictOf(save.error);

  const serverErrors = Object.fromEntries(
    Object.entries(fieldErrorsOf(save.error)).map(([p, m]) => [shownAt(p), m]),
  );
  const errors = { ...clientErrors, ...serverErrors };
  const other =
    save.error && !conflict && Object.keys(serverErrors).length === 0
      ? describeError(save.error, 'The review')
      : undefined;
  const set = (patch: Partial<TrailState>) => setState({ ...state, ...patch });
  const focusFirstError = (paths: string[]) => {
    const first = paths
      .map((p) => document.getElementById(trailFieldId(shownAt(p))))
      .filter((el): el is HTMLElement => el !== null)
      .sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1))[0];
    first?.focus();
  };

  const submit = () => {
    const parsed = bodyOf(state, props.review, eTag);
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues)
        found[shownAt(issue.path.map(String).join('.'))] ??= issue.message;
      setClientErrors(found);
      requestAnimationFrame(() => focusFirstError(Object.keys(found)));
      return;
    }
    setClientErrors({});
    // The promise, not mutate's callbacks: a trail that closes the review can take this form off the page
    // before they would run.
    save.mutateAsync({ pupilId: props.pupilId, reviewId: props.review.id, body: parsed.data }).then(
      () => {
        draft.discard();
        props.onDone('Review trail saved.');
      },
      (error: unknown) => requestAnimationFrame(() => focusFirstError(Object.keys(fieldErrorsOf(error)))),
    );
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
    <form
      className={styles.form}
      noValidate
      aria-label="Record the review trail"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {draft.restored && (
        <MessageBar intent="info">
          <MessageBarBody>
            Your unsaved entries from earlier are back. Save them or cancel to discard them.
          </MessageBarBody>
        </MessageBar>
      )}
      <AdviceRequestsEditor
        rows={state.adviceRequests}
        roles={INVITEE_ROLES}
        today={me.today}
        errors={errors}
        idOf={trailFieldId}
        onChange={(adviceRequests) => set({ adviceRequests })}
      />
      <div className={styles.row}>
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
      {other && (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>Not saved. {other.detail}</MessageBarBody>
        </MessageBar>
      )}
      {conflict && (
        <ConflictNotice
          subject="this review"
          changedBy={conflict.changedBy}
          changedAt={conflict.changedAt}
          summaryLabel="The review as they saved it"
          summary={
            conflict.review
              ? [
                  `Meeting held: ${longDate(conflict.review.heldOn)}`,
                  `Advice: ${conflict.review.adviceRequests.filter((a) => a.receivedOn).length} of ${conflict.review.adviceRequests.length} received`,
                  `Recommendation: ${conflict.review.recommendation ?? 'none yet'}`,
                  `Report sent: ${longDate(conflict.review.reportSentOn)}`,
                  `LA decision: ${
                    conflict.review.laDecision
                      ? `${conflict.review.laDecision.decision}, notified ${longDate(conflict.review.laDecision.notifiedOn)}`
                      : 'none yet'
                  }`,
                ]
              : []
          }
          onKeepMine={() => {
            setETag(conflict.eTag);
            save.reset();
            requestAnimationFrame(() => document.getElementById('trail-save')?.focus());
          }}
          onUseTheirs={
            conflict.review
              ? () => {
                  if (conflict.review) draft.update({ state: stateOf(conflict.review), eTag: conflict.eTag });
                  save.reset();
                  requestAnimationFrame(() => document.getElementById(trailFieldId('heldOn'))?.focus());
                }
              : undefined
          }
        />
      )}
      <div className={styles.actions}>
        <Button
          id="trail-save"
          appearance="primary"
          type="submit"
          disabled={save.isPending || conflict !== undefined}
        >
          {save.isPending ? 'Saving…' : 'Save the review trail'}
        </Button>
        <Button
          onClick={() => {
            draft.discard();
            props.onDone(undefined);
          }}
        >
          Cancel
        </Button>
      </div>
    </form>
  );
}
