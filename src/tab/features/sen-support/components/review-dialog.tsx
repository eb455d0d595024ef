import { Checkbox, Field, Input, Select, Subtitle2, Textarea } from '@fluentui/react-components';
import { recordReviewBody, type FullSenSupportPlanAnswer } from '../../../../contract/sen-support-plans.ts';
import { SEN_SUPPORT_PLAN_WORDING as W } from '../../../../domain/sen-support-plan-wording.ts';
import {
  OUTCOME_PROGRESS,
  type ApdrCycle,
  type OutcomeProgress,
} from '../../../../domain/sen-support-plan.schema.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { longDate } from '../../../components/format.ts';
import { useSessionDraft } from '../../../components/use-session-draft.ts';
import { schemaErrorsOf } from '../api/sen-support-plan.ts';
import {
  ListError,
  lines,
  MeetingFields,
  opt,
  PlanDialog,
  RestoredEntries,
  useOutcomeStyles,
  type PlanDialogProps,
} from './plan-dialog.tsx';

type ReviewEntries = {
  reviewedOn: string;
  progress: { achieved: OutcomeProgress | ''; progressNotes: string }[];
  reviewNotes: string;
  withParents: boolean;
  attendees: string;
  agreed: string;
  startNext: boolean;
  nextReviewOn: string;
};

/** The review of a cycle: progress towards each outcome, often with the parents, then the next cycle. */
export function ReviewDialog(
  props: PlanDialogProps & { answer: FullSenSupportPlanAnswer; cycle: ApdrCycle },
) {
  const styles = useOutcomeStyles();
  const { me } = useApiSession();
  const { cycle, answer } = props;
  const draft = useSessionDraft<ReviewEntries>(`sencohub.planReview.${props.pupilId}.${cycle.id}`, () => ({
    reviewedOn: me.today,
    progress: cycle.outcomes.map(() => ({ achieved: '', progressNotes: '' })),
    reviewNotes: '',
    withParents: true,
    attendees: '',
    agreed: '',
    startNext: true,
    nextReviewOn: answer.proposedReviewOn,
  }));
  const v = draft.value;
  const set = (patch: Partial<ReviewEntries>) => draft.update({ ...v, ...patch });
  const setProgress = (i: number, patch: Partial<ReviewEntries['progress'][number]>) =>
    set({ progress: v.progress.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  return (
    <PlanDialog
      title="Record the review"
      submitLabel="Save the review"
      open={props.open}
      onClose={props.onClose}
      onDone={props.onDone}
      savedMessage={v.withParents ? 'Review and parent meeting saved.' : 'Review saved.'}
      onSaved={draft.discard}
      reload={props.reload}
      build={() => {
        const parsed = recordReviewBody.safeParse({
          cycleId: cycle.id,
          reviewedOn: v.reviewedOn,
          progress: v.progress.map((p) => ({ achieved: p.achieved, progressNotes: opt(p.progressNotes) })),
          reviewNotes: opt(v.reviewNotes),
          parentMeeting: v.withParents ? { attendees: lines(v.attendees), agreed: v.agreed } : undefined,
          nextReviewOn: v.startNext ? v.nextReviewOn : undefined,
          expectedETag: answer.eTag ?? undefined,
        });
        return parsed.success
          ? { request: { kind: 'review', pupilId: props.pupilId, body: parsed.data } }
          : { errors: schemaErrorsOf(parsed.error) };
      }}
    >
      {(errors) => (
        <>
          <RestoredEntries restored={draft.restored} onDiscard={draft.discard} />
          <Field label="Date of the review" required validationMessage={errors['reviewedOn']}>
            <Input
              type="date"
              value={v.reviewedOn}
              max={me.today}
              onChange={(_e, d) => set({ reviewedOn: d.value })}
            />
          </Field>
          <Subtitle2 as="h3">{W.sections.review.heading}</Subtitle2>
          <ListError message={errors['progress']} />
          {cycle.outcomes.map((o, i) => (
            <fieldset key={i} className={styles.outcome}>
              <legend>{o.description}</legend>
              <Field label="Progress" required validationMessage={errors[`progress.${i}.achieved`]}>
                <Select
                  value={v.progress[i]?.achieved ?? ''}
                  onChange={(_e, d) => setProgress(i, { achieved: d.value as OutcomeProgress })}
                >
                  <option value="">Choose…</option>
                  {OUTCOME_PROGRESS.map((p) => (
                    <option key={p} value={p}>
                      {W.progress[p]}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field
                label={W.outcome.progressNotes}
                validationMessage={errors[`progress.${i}.progressNotes`]}
              >
                <Textarea
                  value={v.progress[i]?.progressNotes ?? ''}
                  onChange={(_e, d) => setProgress(i, { progressNotes: d.value })}
                />
              </Field>
            </fieldset>
          ))}
          <Field label="Review notes" validationMessage={errors['reviewNotes']}>
            <Textarea value={v.reviewNotes} onChange={(_e, d) => set({ reviewNotes: d.value })} />
          </Field>
          <Checkbox
            checked={v.withParents}
            onChange={(_e, d) => set({ withParents: d.checked === true })}
            label="Held with the parents (counts as a parent meeting)"
          />
          {v.withParents && (
            <MeetingFields
              attendees={v.attendees}
              agreed={v.agreed}
              onChange={set}
              errors={errors}
              at="parentMeeting."
            />
          )}
          <Checkbox
            checked={v.startNext}
            onChange={(_e, d) => set({ startNext: d.checked === true })}
            label="Start the next cycle (outcomes not achieved are carried into it)"
          />
          {v.startNext && (
            <Field
              label="Next review date"
              hint={`Proposed: ${longDate(answer.proposedReviewOn)}.`}
              required
              validationMessage={errors['nextReviewOn']}
            >
              <Input
                type="date"
                value={v.nextReviewOn}
                onChange={(_e, d) => set({ nextReviewOn: d.value })}
              />
            </Field>
          )}
        </>
      )}
    </PlanDialog>
  );
}
