import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Select,
  Subtitle2,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import {
  createSenSupportPlanBody,
  parentMeetingBody,
  recordReviewBody,
  updateSenSupportPlanBody,
  type FullSenSupportPlanAnswer,
} from '../../../../contract/sen-support-plans.ts';
import { SEN_SUPPORT_PLAN_WORDING as W } from '../../../../domain/sen-support-plan-wording.ts';
import {
  OUTCOME_PROGRESS,
  SUPPORT_LAYERS,
  type ApdrCycle,
  type OutcomeProgress,
  type SupportLayer,
} from '../../../../domain/sen-support-plan.schema.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { describeError } from '../../../components/describe-error.ts';
import { FormDialog } from '../../../components/form-dialog.tsx';
import { dateTime, longDate } from '../../../components/format.ts';
import { useSessionDraft } from '../../../components/use-session-draft.ts';
import {
  fieldErrorsOf,
  planConflictOf,
  schemaErrorsOf,
  useSavePlanChange,
  type PlanChangeRequest,
} from '../api/sen-support-plan.ts';

const useStyles = makeStyles({
  outcome: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalS,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

/** One entry per line, blank lines left out. */
const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** Text fields left empty are not sent. */
const opt = (text: string) => (text.trim() === '' ? undefined : text);

type Done = (message: string) => void;

/**
 * The save every plan dialog shares: client-side checks with the contract's schema (the server's words),
 * the server's 400 by field, and a 409 with the plan now stored in view and focused, entries kept.
 */
function PlanDialog(props: {
  title: string;
  submitLabel: string;
  open: boolean;
  onClose: () => void;
  onDone: Done;
  /** The request, or the problems by field. */
  build: () => { request: PlanChangeRequest } | { errors: Record<string, string> };
  onSaved: () => void;
  savedMessage: string;
  reload: () => Promise<unknown>;
  children: (errors: Record<string, string>) => ReactNode;
}) {
  const save = useSavePlanChange();
  const [local, setLocal] = useState<Record<string, string>>({});
  const conflict = planConflictOf(save.error);
  const conflictRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!conflict) return;
    conflictRef.current?.scrollIntoView?.({ block: 'nearest' });
    conflictRef.current?.focus();
  }, [conflict]);
  const errors = { ...local, ...fieldErrorsOf(save.error) };
  const other =
    save.error && !conflict && Object.keys(fieldErrorsOf(save.error)).length === 0
      ? describeError(save.error, 'The plan')
      : undefined;
  const close = () => {
    save.reset();
    setLocal({});
    props.onClose();
  };
  const stored = conflict?.current?.value.cycles.at(-1);
  return (
    <FormDialog
      open={props.open}
      title={props.title}
      submitLabel={props.submitLabel}
      pendingLabel="Saving…"
      pending={save.isPending}
      canSubmit={!conflict}
      noValidate
      onClose={close}
      failure={
        other
          ? `Not saved. ${other.detail}`
          : Object.keys(errors).length > 0
            ? `Not saved: ${Object.keys(errors).length === 1 ? 'one entry needs' : `${Object.keys(errors).length} entries need`} changing (shown beside ${Object.keys(errors).length === 1 ? 'it' : 'each'}).`
            : undefined
      }
      onSubmit={() => {
        const built = props.build();
        if ('errors' in built) {
          setLocal(built.errors);
          return;
        }
        setLocal({});
        save.mutate(built.request, {
          onSuccess: () => {
            save.reset();
            props.onSaved();
            props.onClose();
            props.onDone(props.savedMessage);
          },
        });
      }}
    >
      {props.children(errors)}
      {conflict && (
        <div ref={conflictRef} tabIndex={-1} aria-labelledby="plan-conflict-title">
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle id="plan-conflict-title">
                Not saved: {conflict.changedBy ?? 'someone else'} changed this plan
                {conflict.changedAt ? ` on ${dateTime(conflict.changedAt)}` : ''}
              </MessageBarTitle>
              Your entries are still here. Their version of the current cycle:{' '}
              {stored
                ? `review date ${longDate(stored.reviewOn)}${stored.reviewedOn ? `, reviewed on ${longDate(stored.reviewedOn)}` : ''}; ${stored.outcomes.length} outcome${stored.outcomes.length === 1 ? '' : 's'}: ${stored.outcomes.map((o) => o.description).join('; ')}; ${stored.parentMeetings.length} parent meeting${stored.parentMeetings.length === 1 ? '' : 's'}.`
                : 'the plan has been removed.'}{' '}
              Load their version, check your entries against it, then save again.
            </MessageBarBody>
            <MessageBarActions>
              <Button onClick={() => void props.reload().then(() => save.reset())}>
                Load their version and keep my entries
              </Button>
            </MessageBarActions>
          </MessageBar>
        </div>
      )}
    </FormDialog>
  );
}

// ---- Plan stage (write the plan, or change the current cycle's) ----------------------------------------

type OutcomeEntry = { description: string; measure: string; provision: string };
type StageEntries = {
  layer: SupportLayer | '';
  startedOn: string;
  assessment: string;
  pupilViews: string;
  parentViews: string;
  outcomes: OutcomeEntry[];
  reviewOn: string;
};

const emptyOutcome = (): OutcomeEntry => ({ description: '', measure: '', provision: '' });

export function PlanStageDialog(props: {
  pupilId: string;
  answer: FullSenSupportPlanAnswer;
  open: boolean;
  onClose: () => void;
  onDone: Done;
  reload: () => Promise<unknown>;
}) {
  const styles = useStyles();
  const { me } = useApiSession();
  const { answer } = props;
  const cycle = answer.plan?.cycles.at(-1);
  const creating = !answer.plan;
  const draft = useSessionDraft<StageEntries>(`sencohub.planStage.${props.pupilId}`, () => ({
    layer: answer.plan?.layer ?? '',
    startedOn: me.today,
    assessment: cycle?.assessment ?? '',
    pupilViews: cycle?.pupilViews ?? '',
    parentViews: cycle?.parentViews ?? '',
    outcomes: cycle?.outcomes.map((o) => ({
      description: o.description,
      measure: o.measure ?? '',
      provision: (o.provision ?? []).join('\n'),
    })) ?? [emptyOutcome()],
    reviewOn: cycle?.reviewOn ?? answer.proposedReviewOn,
  }));
  const v = draft.value;
  const set = (patch: Partial<StageEntries>) => draft.update({ ...v, ...patch });
  const setOutcome = (i: number, patch: Partial<OutcomeEntry>) =>
    set({ outcomes: v.outcomes.map((o, j) => (j === i ? { ...o, ...patch } : o)) });

  const stage = {
    layer: v.layer,
    assessment: v.assessment,
    pupilViews: opt(v.pupilViews),
    parentViews: opt(v.parentViews),
    outcomes: v.outcomes.map((o) => ({
      description: o.description,
      measure: opt(o.measure),
      provision: lines(o.provision),
    })),
    reviewOn: v.reviewOn,
  };
  return (
    <PlanDialog
      title={creating ? `Write the ${W.title}` : 'Change the plan'}
      submitLabel={creating ? 'Save the plan' : 'Save changes'}
      open={props.open}
      onClose={props.onClose}
      onDone={props.onDone}
      savedMessage={creating ? 'Plan saved.' : 'Plan changes saved.'}
      onSaved={draft.discard}
      reload={props.reload}
      build={() => {
        if (creating) {
          const parsed = createSenSupportPlanBody.safeParse({ ...stage, startedOn: v.startedOn });
          return parsed.success
            ? { request: { kind: 'create', pupilId: props.pupilId, body: parsed.data } }
            : { errors: schemaErrorsOf(parsed.error) };
        }
        const parsed = updateSenSupportPlanBody.safeParse({
          ...stage,
          cycleId: cycle?.id,
          expectedETag: answer.eTag ?? undefined,
        });
        return parsed.success
          ? { request: { kind: 'plan-stage', pupilId: props.pupilId, body: parsed.data } }
          : { errors: schemaErrorsOf(parsed.error) };
      }}
    >
      {(errors) => (
        <>
          {draft.restored && (
            <MessageBar intent="info">
              <MessageBarBody>Your unsaved entries from earlier are still here.</MessageBarBody>
              <MessageBarActions>
                <Button onClick={draft.discard}>Discard them</Button>
              </MessageBarActions>
            </MessageBar>
          )}
          <Field
            label={W.sections.layer.heading}
            hint={W.sections.layer.hint}
            required
            validationMessage={errors['layer']}
          >
            <RadioGroup value={v.layer} onChange={(_e, d) => set({ layer: d.value as SupportLayer })}>
              {SUPPORT_LAYERS.map((l) => (
                <Radio key={l} value={l} label={`${W.layers[l].label}: ${W.layers[l].description}`} />
              ))}
            </RadioGroup>
          </Field>
          {creating && (
            <Field label={W.startedOn} required validationMessage={errors['startedOn']}>
              <Input type="date" value={v.startedOn} onChange={(_e, d) => set({ startedOn: d.value })} />
            </Field>
          )}
          <Field
            label={W.sections.assessment.heading}
            hint={W.sections.assessment.hint}
            required
            validationMessage={errors['assessment']}
          >
            <Textarea
              value={v.assessment}
              resize="vertical"
              onChange={(_e, d) => set({ assessment: d.value })}
            />
          </Field>
          <Field
            label={W.sections.pupilViews.heading}
            hint={W.sections.pupilViews.hint}
            validationMessage={errors['pupilViews']}
          >
            <Textarea
              value={v.pupilViews}
              resize="vertical"
              onChange={(_e, d) => set({ pupilViews: d.value })}
            />
          </Field>
          <Field
            label={W.sections.parentViews.heading}
            hint={W.sections.parentViews.hint}
            validationMessage={errors['parentViews']}
          >
            <Textarea
              value={v.parentViews}
              resize="vertical"
              onChange={(_e, d) => set({ parentViews: d.value })}
            />
          </Field>
          <Subtitle2 as="h3">{W.sections.outcomes.heading}</Subtitle2>
          {errors['outcomes'] && (
            <MessageBar intent="error">
              <MessageBarBody>{errors['outcomes']}</MessageBarBody>
            </MessageBar>
          )}
          {v.outcomes.map((o, i) => (
            <fieldset key={i} className={styles.outcome}>
              <legend>Outcome {i + 1}</legend>
              <Field
                label="Outcome"
                hint={W.sections.outcomes.hint}
                required
                validationMessage={errors[`outcomes.${i}.description`]}
              >
                <Textarea
                  value={o.description}
                  onChange={(_e, d) => setOutcome(i, { description: d.value })}
                />
              </Field>
              <Field label={W.outcome.measure} validationMessage={errors[`outcomes.${i}.measure`]}>
                <Input value={o.measure} onChange={(_e, d) => setOutcome(i, { measure: d.value })} />
              </Field>
              <Field
                label={W.outcome.provision}
                hint="One per line: who does what, how often."
                validationMessage={
                  Object.entries(errors).find(([k]) => k.startsWith(`outcomes.${i}.provision`))?.[1]
                }
              >
                <Textarea value={o.provision} onChange={(_e, d) => setOutcome(i, { provision: d.value })} />
              </Field>
              {v.outcomes.length > 1 && (
                <div className={styles.row}>
                  <Button onClick={() => set({ outcomes: v.outcomes.filter((_, j) => j !== i) })}>
                    Remove outcome {i + 1}
                  </Button>
                </div>
              )}
            </fieldset>
          ))}
          <div className={styles.row}>
            <Button onClick={() => set({ outcomes: [...v.outcomes, emptyOutcome()] })}>Add an outcome</Button>
          </div>
          <Field
            label={W.reviewOn}
            hint="About a term from now; at least every 12 months."
            required
            validationMessage={errors['reviewOn']}
          >
            <Input type="date" value={v.reviewOn} onChange={(_e, d) => set({ reviewOn: d.value })} />
          </Field>
        </>
      )}
    </PlanDialog>
  );
}

// ---- Review --------------------------------------------------------------------------------------------

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

export function ReviewDialog(props: {
  pupilId: string;
  answer: FullSenSupportPlanAnswer;
  cycle: ApdrCycle;
  open: boolean;
  onClose: () => void;
  onDone: Done;
  reload: () => Promise<unknown>;
}) {
  const styles = useStyles();
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
          {draft.restored && (
            <MessageBar intent="info">
              <MessageBarBody>Your unsaved entries from earlier are still here.</MessageBarBody>
              <MessageBarActions>
                <Button onClick={draft.discard}>Discard them</Button>
              </MessageBarActions>
            </MessageBar>
          )}
          <Field label="Date of the review" required validationMessage={errors['reviewedOn']}>
            <Input
              type="date"
              value={v.reviewedOn}
              max={me.today}
              onChange={(_e, d) => set({ reviewedOn: d.value })}
            />
          </Field>
          <Subtitle2 as="h3">{W.sections.review.heading}</Subtitle2>
          {errors['progress'] && (
            <MessageBar intent="error">
              <MessageBarBody>{errors['progress']}</MessageBarBody>
            </MessageBar>
          )}
          {cycle.outcomes.map((o, i) => (
            <fieldset key={i} className={styles.outcome}>
              <legend>{o.description}</legend>
              <Field label="Progress" required validationMessage={errors[`progress.${i}.achieved`]}>
                <Select
                  value={v.progress[i]?.achieved ?? ''}
                  onChange={(_e, d) =>
                    set({
                      progress: v.progress.map((p, j) =>
                        j === i ? { ...p, achieved: d.value as OutcomeProgress } : p,
                      ),
                    })
                  }
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
                  onChange={(_e, d) =>
                    set({
                      progress: v.progress.map((p, j) => (j === i ? { ...p, progressNotes: d.value } : p)),
                    })
                  }
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
            <>
              <Field
                label={W.meeting.attendees}
                hint="One per line."
                required
                validationMessage={errors['parentMeeting.attendees']}
              >
                <Textarea value={v.attendees} onChange={(_e, d) => set({ attendees: d.value })} />
              </Field>
              <Field label={W.meeting.agreed} required validationMessage={errors['parentMeeting.agreed']}>
                <Textarea value={v.agreed} onChange={(_e, d) => set({ agreed: d.value })} />
              </Field>
            </>
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

// ---- Parent meeting ------------------------------------------------------------------------------------

type MeetingEntries = { on: string; attendees: string; agreed: string; notes: string };

export function ParentMeetingDialog(props: {
  pupilId: string;
  answer: FullSenSupportPlanAnswer;
  open: boolean;
  onClose: () => void;
  onDone: Done;
  reload: () => Promise<unknown>;
}) {
  const { me } = useApiSession();
  const draft = useSessionDraft<MeetingEntries>(`sencohub.parentMeeting.${props.pupilId}`, () => ({
    on: me.today,
    attendees: '',
    agreed: '',
    notes: '',
  }));
  const v = draft.value;
  const set = (patch: Partial<MeetingEntries>) => draft.update({ ...v, ...patch });
  return (
    <PlanDialog
      title="Record a meeting with the parents"
      submitLabel="Save the meeting"
      open={props.open}
      onClose={props.onClose}
      onDone={props.onDone}
      savedMessage="Parent meeting saved."
      onSaved={draft.discard}
      reload={props.reload}
      build={() => {
        const parsed = parentMeetingBody.safeParse({
          on: v.on,
          attendees: lines(v.attendees),
          agreed: v.agreed,
          notes: opt(v.notes),
          expectedETag: props.answer.eTag ?? undefined,
        });
        return parsed.success
          ? { request: { kind: 'parent-meeting', pupilId: props.pupilId, body: parsed.data } }
          : { errors: schemaErrorsOf(parsed.error) };
      }}
    >
      {(errors) => (
        <>
          <Field label="Meeting date" required validationMessage={errors['on']}>
            <Input type="date" value={v.on} max={me.today} onChange={(_e, d) => set({ on: d.value })} />
          </Field>
          <Field
            label={W.meeting.attendees}
            hint="One per line."
            required
            validationMessage={errors['attendees']}
          >
            <Textarea value={v.attendees} onChange={(_e, d) => set({ attendees: d.value })} />
          </Field>
          <Field label={W.meeting.agreed} required validationMessage={errors['agreed']}>
            <Textarea value={v.agreed} onChange={(_e, d) => set({ agreed: d.value })} />
          </Field>
          <Field label={W.meeting.notes} validationMessage={errors['notes']}>
            <Textarea value={v.notes} onChange={(_e, d) => set({ notes: d.value })} />
          </Field>
        </>
      )}
    </PlanDialog>
  );
}
