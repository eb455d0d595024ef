import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { changeEhcPlanBody, recordEhcPlanBody } from '../../../../contract/ehc-plans.ts';
import { PLAN_AREAS_OF_NEED, type EhcPlan } from '../../../../domain/ehc-plan.schema.ts';
import { BROAD_AREA_LABELS } from '../../../../domain/needs.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { ConflictNotice } from '../../../components/conflict-notice.tsx';
import { describeError } from '../../../components/describe-error.ts';
import { longDate } from '../../../components/format.ts';
import { ehcPlanConflictOf, useSaveEhcPlan, type EhcPlanWrite } from '../api/save-ehc-plan.ts';
import { fieldErrorsOf } from '../api/save-sen-record.ts';
import { clearPlanDraft, readPlanDraft, writePlanDraft, type PlanFormState } from './ehc-plan-draft.ts';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '48rem' },
  fieldset: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  // A select keeps its intrinsic width; inside two nested groups at 375 px it must shrink to fit.
  select: { maxWidth: '100%', minWidth: 0 },
});

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
  const styles = useStyles();
  const { me } = useApiSession();
  const save = useSaveEhcPlan();
  const kept = readPlanDraft(props.pupilId, props.mode);
  const [state, setState] = useState<PlanFormState>(() => kept?.state ?? stateOf(props.plan, me.today));
  const [eTag, setETag] = useState(kept?.eTag ?? props.eTag);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
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

  const errors = { ...clientErrors, ...fieldErrorsOf(save.error) };
  const other =
    save.error && !conflict && Object.keys(fieldErrorsOf(save.error)).length === 0
      ? describeError(save.error, 'The EHC plan')
      : undefined;
  const set = (patch: Partial<PlanFormState>) => setState((s) => ({ ...s, ...patch }));
  /** Focus on the first field at fault as the form reads, top to bottom. */
  const focusFirstError = (paths: string[]) => {
    const fields = paths
      .map((p) => document.getElementById(fieldId(p)))
      .filter((el): el is HTMLElement => el !== null)
      .sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    const first = fields[0];
    (first?.matches('input, textarea, select') ? first : first?.querySelector('input'))?.focus();
  };

  const submit = () => {
    const parsed = bodyOf(props.mode, state, eTag);
    const found: Record<string, string> = {};
    // The domain's rule (ehc-plan-changes.ts), in its words, before the server is asked.
    if (props.mode === 'record' && state.origin === 'needs-assessment' && state.lastAssessedOn === '')
      found['lastAssessedOn'] = 'Assessment date is required for a plan from a needs assessment';
    if (!parsed.success || Object.keys(found).length > 0) {
      for (const issue of parsed.success ? [] : parsed.error.issues)
        found[issue.path.map(String).join('.')] ??= issue.message;
      setClientErrors(found);
      requestAnimationFrame(() => focusFirstError(Object.keys(found)));
      return;
    }
    if (!parsed.success) return;
    setClientErrors({});
    const write = (
      props.mode === 'record'
        ? { kind: 'record', pupilId: props.pupilId, body: parsed.data }
        : { kind: 'change', pupilId: props.pupilId, body: parsed.data }
    ) as EhcPlanWrite;
    save.mutate(write, {
      onSuccess: (answer) => {
        clearPlanDraft(props.pupilId, props.mode);
        const what =
          props.mode === 'record' ? 'recorded' : state.change === 'amended' ? 'amended' : 're-issued';
        props.onDone(
          `EHC plan ${what}.${answer.plan ? ` The annual review is due by ${longDate(answer.timeline.annualReview.reviewDueBy)}.` : ''}`,
        );
      },
      onError: (error) => requestAnimationFrame(() => focusFirstError(Object.keys(fieldErrorsOf(error)))),
    });
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
    <form
      className={styles.form}
      noValidate
      aria-label={props.mode === 'record' ? 'Record the EHC plan' : 'Amend or re-issue the EHC plan'}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {restored && (
        <MessageBar intent="info">
          <MessageBarBody>
            Your unsaved edits from earlier are back. Save them or cancel to discard them.
          </MessageBarBody>
        </MessageBar>
      )}
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
      {other && (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>Not saved. {other.detail}</MessageBarBody>
        </MessageBar>
      )}
      {conflict && (
        <ConflictNotice
          subject="this plan"
          changedBy={conflict.changedBy}
          changedAt={conflict.changedAt}
          summaryLabel="The plan as they saved it"
          summary={
            conflict.plan
              ? [
                  `Local authority: ${conflict.plan.localAuthority}`,
                  `Plan co-ordinator: ${conflict.plan.coordinator.name}`,
                  `Issued: ${longDate(conflict.plan.issuedOn)}`,
                  `Placement: ${conflict.plan.placement ?? 'none named'}`,
                  `${conflict.plan.outcomes.length} outcomes, ${conflict.plan.provision.length} provision entries${conflict.plan.ceasedOn ? `; ended ${longDate(conflict.plan.ceasedOn)}` : ''}`,
                ]
              : []
          }
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
                  requestAnimationFrame(() => document.getElementById(fieldId('localAuthority'))?.focus());
                }
              : undefined
          }
        />
      )}
      <div className={styles.actions}>
        <Button
          id="ehc-save"
          appearance="primary"
          type="submit"
          disabled={save.isPending || conflict !== undefined}
        >
          {save.isPending ? 'Saving…' : props.mode === 'record' ? 'Record the plan' : 'Save the change'}
        </Button>
        <Button
          onClick={() => {
            clearPlanDraft(props.pupilId, props.mode);
            props.onDone(undefined);
          }}
        >
          Cancel
        </Button>
      </div>
    </form>
  );
}
