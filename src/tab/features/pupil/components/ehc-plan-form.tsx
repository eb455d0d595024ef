import { Button, Field, Input, Radio, RadioGroup, Select, Textarea } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { changeEhcPlanBody, recordEhcPlanBody, type EhcPlanAnswer } from '../../../../contract/ehc-plans.ts';
import { PLAN_AREAS_OF_NEED, type EhcPlan } from '../../../../domain/ehc-plan.schema.ts';
import { BROAD_AREA_LABELS } from '../../../../domain/needs.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { ConflictNotice } from '../../../components/conflict-notice.tsx';
import { useFormStyles } from '../../../components/form-styles.ts';
import { longDate } from '../../../components/format.ts';
import { PageForm } from '../../../components/page-form.tsx';
import { errorsByField, focusFirstField, useCheckedSave } from '../../../components/use-checked-save.ts';
import { ehcPlanConflictOf, useSaveEhcPlan, type EhcPlanWrite } from '../api/save-ehc-plan.ts';
import { clearPlanDraft, readPlanDraft, writePlanDraft, type PlanFormState } from './ehc-plan-draft.ts';

type Area = (typeof PLAN_AREAS_OF_NEED)[number];
type Mode = 'record' | 'change';

/** The id of the control for a field path, so an error can take the keyboard to it. */
export const fieldId = (path: string) => `ehc-field-${path.replace(/\./g, '-')}`;

function stateOf(plan: EhcPlan | null, today: string): PlanFormState {
  return {
    localAuthority: plan?.localAuthority ?? '',
    coordinatorName: plan?.coordinator.name ?? '',
    coordinatorEmail: plan?.coordinator.email ?? '',
    placement: plan?.placement ?? '',
    outcomes: plan?.outcomes.map((o) => ({ ...o })) ?? [],
    provision: plan?.provision.map((p) => ({ ...p })) ?? [],
    issuedOn: today,
    origin: 'needs-assessment',
    lastAssessedOn: '',
    change: 'amended',
    on: today,
    summary: '',
  };
}

const blankToUndefined = (s: string) => (s.trim() === '' ? undefined : s);

function bodyOf(mode: Mode, s: PlanFormState, eTag: string | undefined) {
  const details = {
    localAuthority: s.localAuthority,
    coordinator: { name: s.coordinatorName, email: blankToUndefined(s.coordinatorEmail) },
    outcomes: s.outcomes,
    provision: s.provision,
    placement: blankToUndefined(s.placement),
    expectedETag: eTag,
  };
  return mode === 'record'
    ? recordEhcPlanBody.safeParse({
        ...details,
        issuedOn: s.issuedOn,
        origin: s.origin,
        lastAssessedOn: blankToUndefined(s.lastAssessedOn),
      })
    : changeEhcPlanBody.safeParse({
        ...details,
        change: s.change,
        on: s.on,
        summary: blankToUndefined(s.summary),
      });
}

/**
 * Records the plan the LA issued (mode 'record') or its amendment or re-issue (mode 'change'), checked with
 * the same schema the server uses. Unsaved edits are kept as a draft in this browser tab and leaving the
 * page warns; a change someone else saved meanwhile shows what they saved, with focus on it.
 */
export function EhcPlanForm(props: {
  pupilId: string;
  mode: Mode;
  plan: EhcPlan | null;
  eTag: string | undefined;
  onDone: (message: string | undefined) => void;
}) {
  const styles = useFormStyles();
  const { me } = useApiSession();
  const save = useSaveEhcPlan();
  const kept = readPlanDraft(props.pupilId, props.mode);
  const [state, setState] = useState<PlanFormState>(() => kept?.state ?? stateOf(props.plan, me.today));
  const [eTag, setETag] = useState(kept?.eTag ?? props.eTag);
  const [restored] = useState(kept !== undefined);

  const dirty = JSON.stringify(state) !== JSON.stringify(stateOf(props.plan, me.today));
  useEffect(() => {
    if (dirty) writePlanDraft(props.pupilId, props.mode, { eTag, state });
    else clearPlanDraft(props.pupilId, props.mode);
  }, [dirty, state, eTag, props.pupilId, props.mode]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  useEffect(() => {
    // The form opens where the SENCO starts: the first choice.
    const first = fieldId(props.mode === 'record' ? 'origin' : 'change');
    document.querySelector<HTMLInputElement>(`#${first} input`)?.focus();
  }, [props.mode]);

  const conflict = ehcPlanConflictOf(save.error);
  const { errors, other, submit } = useCheckedSave({
    save,
    what: 'The EHC plan',
    idOf: fieldId,
    conflicted: conflict !== undefined,
  });
  const set = (patch: Partial<PlanFormState>) => setState((s) => ({ ...s, ...patch }));

  const check = () => {
    const parsed = bodyOf(props.mode, state, eTag);
    const found: Record<string, string> = {};
    // The domain's rule (ehc-plan-changes.ts), in its words, before the server is asked.
    if (props.mode === 'record' && state.origin === 'needs-assessment' && state.lastAssessedOn === '')
      found['lastAssessedOn'] = 'Assessment date is required for a plan from a needs assessment';
    if (!parsed.success || Object.keys(found).length > 0)
      return {
        success: false as const,
        errors: { ...found, ...(parsed.success ? {} : errorsByField(parsed.error.issues)) },
      };
    const write = (
      props.mode === 'record'
        ? { kind: 'record', pupilId: props.pupilId, body: parsed.data }
        : { kind: 'change', pupilId: props.pupilId, body: parsed.data }
    ) as EhcPlanWrite;
    return { success: true as const, write };
  };
  const saved = (answer: EhcPlanAnswer) => {
    clearPlanDraft(props.pupilId, props.mode);
    const what = props.mode === 'record' ? 'recorded' : state.change === 'amended' ? 'amended' : 're-issued';
    props.onDone(
      `EHC plan ${what}.${answer.plan ? ` The annual review is due by ${longDate(answer.timeline.annualReview.reviewDueBy)}.` : ''}`,
    );
  };

  const listEditor = (key: 'outcomes' | 'provision', label: string, textLabel: string) => {
    const items = state[key] as { area: Area; outcome?: string; provision?: string }[];
    const textKey = key === 'outcomes' ? 'outcome' : 'provision';
    const update = (i: number, patch: Record<string, string>) =>
      set({
        [key]: items.map((item, j) => (j === i ? { ...item, ...patch } : item)),
      });
    return (
      <fieldset className={styles.fieldset}>
        <legend>{label}</legend>
        {items.length === 0 && <span>None yet.</span>}
        {items.map((item, i) => (
          <div key={i} className={styles.fieldset} role="group" aria-label={`${textLabel} ${i + 1}`}>
            <Field label="Area of need" validationMessage={errors[`${key}.${i}.area`]}>
              <Select
                className={styles.select}
                id={fieldId(`${key}.${i}.area`)}
                value={item.area}
                onChange={(_e, d) => update(i, { area: d.value })}
              >
                {PLAN_AREAS_OF_NEED.map((a) => (
                  <option key={a} value={a}>
                    {BROAD_AREA_LABELS[a]}
                  </option>
                ))}
              </Select>
            </Field>
            <Field
              label={`${textLabel} ${i + 1}`}
              required
              validationMessage={errors[`${key}.${i}.${textKey}`]}
            >
              <Textarea
                id={fieldId(`${key}.${i}.${textKey}`)}
                value={item[textKey] ?? ''}
                resize="vertical"
                onChange={(_e, d) => update(i, { [textKey]: d.value })}
              />
            </Field>
            <div className={styles.actions}>
              <Button
                onClick={() => {
                  set({ [key]: items.filter((_x, j) => j !== i) });
                  requestAnimationFrame(() => document.getElementById(`ehc-add-${key}`)?.focus());
                }}
              >
                Remove {textLabel.toLowerCase()} {i + 1}
              </Button>
            </div>
          </div>
        ))}
        <div className={styles.actions}>
          <Button
            id={`ehc-add-${key}`}
            onClick={() => {
              set({
                [key]: [...items, { area: PLAN_AREAS_OF_NEED[0], [textKey]: '' }],
              });
              requestAnimationFrame(() =>
                document.getElementById(fieldId(`${key}.${items.length}.area`))?.focus(),
              );
            }}
          >
            Add {textLabel.toLowerCase()}
          </Button>
        </div>
      </fieldset>
    );
  };

  return (
    <PageForm
      label={props.mode === 'record' ? 'Record the EHC plan' : 'Amend or re-issue the EHC plan'}
      restored={restored}
      failure={other?.detail}
      saveId="ehc-save"
      saveLabel={props.mode === 'record' ? 'Record the plan' : 'Save the change'}
      pending={save.isPending}
      onSubmit={() => submit(check(), saved)}
      onCancel={() => {
        clearPlanDraft(props.pupilId, props.mode);
        props.onDone(undefined);
      }}
      conflict={
        conflict && (
          <ConflictNotice
            subject="this plan"
            changedBy={conflict.changedBy}
            changedAt={conflict.changedAt}
            summaryLabel="The plan as they saved it"
            summary={conflict.plan ? planSummary(conflict.plan) : []}
            onKeepMine={() => {
              setETag(conflict.eTag);
              save.reset();
              requestAnimationFrame(() => document.getElementById('ehc-save')?.focus());
            }}
            onUseTheirs={
              conflict.plan
                ? () => {
                    setState(stateOf(conflict.plan ?? null, me.today));
                    setETag(conflict.eTag);
                    save.reset();
                    requestAnimationFrame(() => focusFirstField([fieldId('localAuthority')]));
                  }
                : undefined
            }
          />
        )
      }
    >
      {props.mode === 'change' && (
        <>
          <Field label="What happened" required validationMessage={errors['change']}>
            <RadioGroup
              id={fieldId('change')}
              value={state.change}
              onChange={(_e, d) => set({ change: d.value as PlanFormState['change'] })}
            >
              <Radio value="amended" label="The LA amended the plan (the review dates stay as they are)" />
              <Radio
                value="re-issued"
                label="The LA issued a new plan after a re-assessment (the review clock restarts)"
              />
            </RadioGroup>
          </Field>
          <Field label="Date on the plan" required validationMessage={errors['on']}>
            <Input
              id={fieldId('on')}
              type="date"
              max={me.today}
              value={state.on}
              onChange={(_e, d) => set({ on: d.value })}
            />
          </Field>
          <Field
            label="What changed"
            hint="A line for the plan’s history, e.g. “Weekly OT added”."
            validationMessage={errors['summary']}
          >
            <Input
              id={fieldId('summary')}
              value={state.summary}
              onChange={(_e, d) => set({ summary: d.value })}
            />
          </Field>
        </>
      )}
      {props.mode === 'record' && (
        <>
          <Field label="Where the plan came from" required validationMessage={errors['origin']}>
            <RadioGroup
              id={fieldId('origin')}
              value={state.origin}
              onChange={(_e, d) => set({ origin: d.value as PlanFormState['origin'] })}
            >
              <Radio value="needs-assessment" label="A new plan after an EHC needs assessment" />
              <Radio value="existing-plan" label="A plan the pupil already had" />
              <Radio
                value="transfer-from-another-la"
                label="A plan transferred from another local authority"
              />
            </RadioGroup>
          </Field>
          <div className={styles.row}>
            <Field
              label="Issue date"
              required
              hint="The date of the final plan"
              validationMessage={errors['issuedOn']}
            >
              <Input
                id={fieldId('issuedOn')}
                type="date"
                max={me.today}
                value={state.issuedOn}
                onChange={(_e, d) => set({ issuedOn: d.value })}
              />
            </Field>
            {state.origin === 'needs-assessment' && (
              <Field label="Assessment date" required validationMessage={errors['lastAssessedOn']}>
                <Input
                  id={fieldId('lastAssessedOn')}
                  type="date"
                  max={me.today}
                  value={state.lastAssessedOn}
                  onChange={(_e, d) => set({ lastAssessedOn: d.value })}
                />
              </Field>
            )}
          </div>
        </>
      )}
      <Field label="Local authority" required validationMessage={errors['localAuthority']}>
        <Input
          id={fieldId('localAuthority')}
          value={state.localAuthority}
          onChange={(_e, d) => set({ localAuthority: d.value })}
        />
      </Field>
      <div className={styles.row}>
        <Field label="Plan co-ordinator" required validationMessage={errors['coordinator.name']}>
          <Input
            id={fieldId('coordinator.name')}
            value={state.coordinatorName}
            onChange={(_e, d) => set({ coordinatorName: d.value })}
          />
        </Field>
        <Field label="Plan co-ordinator email" validationMessage={errors['coordinator.email']}>
          <Input
            id={fieldId('coordinator.email')}
            type="email"
            value={state.coordinatorEmail}
            onChange={(_e, d) => set({ coordinatorEmail: d.value })}
          />
        </Field>
      </div>
      {listEditor('outcomes', 'Outcomes (section E)', 'Outcome')}
      {listEditor('provision', 'Provision (section F)', 'Provision')}
      <Field
        label="Placement (section I)"
        hint="The school or setting named in the plan"
        validationMessage={errors['placement']}
      >
        <Input
          id={fieldId('placement')}
          value={state.placement}
          onChange={(_e, d) => set({ placement: d.value })}
        />
      </Field>
    </PageForm>
  );
}

/** Their version of the plan, one line each. */
function planSummary(plan: EhcPlan): string[] {
  return [
    `Local authority: ${plan.localAuthority}`,
    `Plan co-ordinator: ${plan.coordinator.name}`,
    `Issued: ${longDate(plan.issuedOn)}`,
    `Placement: ${plan.placement ?? 'none named'}`,
    `${plan.outcomes.length} outcomes, ${plan.provision.length} provision entries${plan.ceasedOn ? `; ended ${longDate(plan.ceasedOn)}` : ''}`,
  ];
}
