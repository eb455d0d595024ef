import { Button, Field, Input, Radio, RadioGroup, Subtitle2, Textarea } from '@fluentui/react-components';
import {
  createSenSupportPlanBody,
  updateSenSupportPlanBody,
  type FullSenSupportPlanAnswer,
} from '../../../../contract/sen-support-plans.ts';
import { SEN_SUPPORT_PLAN_WORDING as W } from '../../../../domain/sen-support-plan-wording.ts';
import {
  SUPPORT_LAYERS,
  type SenSupportPlan,
  type SupportLayer,
} from '../../../../domain/sen-support-plan.schema.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { useSessionDraft } from '../../../components/use-session-draft.ts';
import { schemaErrorsOf } from '../api/sen-support-plan.ts';
import {
  ListError,
  lines,
  opt,
  PlanDialog,
  RestoredEntries,
  useOutcomeStyles,
  type PlanDialogProps,
} from './plan-dialog.tsx';

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

/** The plan's current cycle as the form's entries (a new plan: one empty outcome, reviewed when proposed). */
function entriesOf(plan: SenSupportPlan | null, today: string, proposedReviewOn: string): StageEntries {
  const cycle = plan?.cycles.at(-1);
  return {
    layer: plan?.layer ?? '',
    startedOn: today,
    assessment: cycle?.assessment ?? '',
    pupilViews: cycle?.pupilViews ?? '',
    parentViews: cycle?.parentViews ?? '',
    outcomes: cycle?.outcomes.map((o) => ({
      description: o.description,
      measure: o.measure ?? '',
      provision: (o.provision ?? []).join('\n'),
    })) ?? [emptyOutcome()],
    reviewOn: cycle?.reviewOn ?? proposedReviewOn,
  };
}

/** The assess stage's three texts: what the assessment found, then the pupil's and the parents' views. */
const STAGE_TEXTS = ['assessment', 'pupilViews', 'parentViews'] as const;

/** Writes the plan, or changes the current cycle's assessment, views, outcomes and review date. */
export function PlanStageDialog(props: PlanDialogProps & { answer: FullSenSupportPlanAnswer }) {
  const styles = useOutcomeStyles();
  const { me } = useApiSession();
  const { answer } = props;
  const cycle = answer.plan?.cycles.at(-1);
  const creating = !answer.plan;
  const draft = useSessionDraft<StageEntries>(`sencohub.planStage.${props.pupilId}`, () =>
    entriesOf(answer.plan, me.today, answer.proposedReviewOn),
  );
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
      onUseTheirs={(plan) => draft.update(entriesOf(plan, me.today, answer.proposedReviewOn))}
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
          <RestoredEntries restored={draft.restored} onDiscard={draft.discard} />
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
          {STAGE_TEXTS.map((key) => (
            <Field
              key={key}
              label={W.sections[key].heading}
              hint={W.sections[key].hint}
              required={key === 'assessment'}
              validationMessage={errors[key]}
            >
              <Textarea value={v[key]} resize="vertical" onChange={(_e, d) => set({ [key]: d.value })} />
            </Field>
          ))}
          <Subtitle2 as="h3">{W.sections.outcomes.heading}</Subtitle2>
          <ListError message={errors['outcomes']} />
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
