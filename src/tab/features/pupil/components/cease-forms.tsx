import { Body1, Field, Input, Radio, RadioGroup, Textarea } from '@fluentui/react-components';
import { useEffect, type ReactNode } from 'react';
import {
  ceaseDecisionBody,
  ceaseEhcPlanBody,
  withdrawCeaseDecisionBody,
  type CeaseView,
  type EhcPlanAnswer,
} from '../../../../contract/ehc-plans.ts';
import {
  CEASE_REASON_LABELS,
  CEASE_REASONS,
  type CeaseDecision,
  type EhcPlan,
} from '../../../../domain/ehc-plan.schema.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { ConflictNotice } from '../../../components/conflict-notice.tsx';
import { useFormStyles } from '../../../components/form-styles.ts';
import { longDate } from '../../../components/format.ts';
import { PageForm } from '../../../components/page-form.tsx';
import {
  errorsByField,
  focusFirstField,
  useCheckedSave,
  type Checked,
} from '../../../components/use-checked-save.ts';
import { useSessionDraft } from '../../../components/use-session-draft.ts';
import { ehcPlanConflictOf } from '../api/save-ehc-plan.ts';
import { useSaveCease, type CeaseWrite } from '../api/save-ehc-plan-cease.ts';

export const ceaseFieldId = (path: string) => `cease-field-${path}`;
const blank = (s: string) => (s.trim() === '' ? undefined : s);

type Parsed = Checked<CeaseWrite>;

/** Where a cease form's entries are kept until saved or cancelled, with the plan version they started from. */
export const ceaseDraftKey = (pupilId: string, form: 'decision' | 'end' | 'withdrawal') =>
  `sencohub.ceaseDraft.${form}.${pupilId}`;

type Draft<T> = { entries: T; eTag: string };

/** A cease form's entries, kept in this browser tab while unsaved (useSessionDraft). */
function useCeaseDraft<T>(
  pupilId: string,
  form: 'decision' | 'end' | 'withdrawal',
  eTag: string,
  initial: () => T,
) {
  const draft = useSessionDraft<Draft<T>>(ceaseDraftKey(pupilId, form), () => ({ entries: initial(), eTag }));
  const entries = draft.value.entries;
  const set = (patch: Partial<T>) => draft.update({ ...draft.value, entries: { ...entries, ...patch } });
  return { draft, entries, set };
}

/**
 * One write of the plan's ending, checked with the contract's schema: errors named on their fields with the
 * keyboard taken to the first; a change someone else saved meanwhile is the shared notice with focus on it.
 * Unsaved entries are kept in this browser tab until saved or cancelled.
 */
function CeaseFormShell(props: {
  label: string;
  saveLabel: string;
  parse: () => Parsed;
  onSaved: (answer: EhcPlanAnswer) => string;
  onDone: (message: string | undefined) => void;
  /** Save over their version: the draft's version becomes theirs. */
  onKeepMine: (eTag: string) => void;
  /** Their version into the form (absent: there is nothing of theirs to load, so the form closes). */
  onUseTheirs?: (plan: EhcPlan, eTag: string) => void;
  discard: () => void;
  restored: boolean;
  firstField: string;
  children: (errors: Record<string, string>) => ReactNode;
}) {
  const save = useSaveCease();
  const conflict = ehcPlanConflictOf(save.error);
  const { errors, other, submit } = useCheckedSave({
    save,
    what: 'The EHC plan',
    idOf: ceaseFieldId,
    conflicted: conflict !== undefined,
  });
  return (
    <PageForm
      label={props.label}
      restored={props.restored}
      failure={other?.detail}
      saveId={ceaseFieldId('save')}
      saveLabel={props.saveLabel}
      pending={save.isPending}
      onSubmit={() =>
        submit(props.parse(), (answer) => {
          props.discard();
          props.onDone(props.onSaved(answer));
        })
      }
      onCancel={() => {
        props.discard();
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
              if (conflict.eTag) props.onKeepMine(conflict.eTag);
              save.reset();
              requestAnimationFrame(() => document.getElementById(ceaseFieldId('save'))?.focus());
            }}
            onUseTheirs={() => {
              const theirs = conflict.plan;
              save.reset();
              if (theirs && conflict.eTag && props.onUseTheirs) {
                props.onUseTheirs(theirs, conflict.eTag);
                requestAnimationFrame(() => focusFirstField([ceaseFieldId(props.firstField)]));
              } else {
                props.discard();
                props.onDone(undefined);
              }
            }}
          />
        )
      }
    >
      {props.children(errors)}
    </PageForm>
  );
}

/** Their version of the plan's ending, one line each. */
function planSummary(plan: EhcPlan): string[] {
  const decision = plan.ceaseDecision;
  return [
    decision
      ? `Decision to cease: notified ${longDate(decision.notifiedOn)}, because ${CEASE_REASON_LABELS[decision.reason]}`
      : 'No decision to cease',
    ...(decision?.appealLodgedOn ? [`Appeal lodged: ${longDate(decision.appealLodgedOn)}`] : []),
    ...(decision?.appealDeterminedOn ? [`Appeal decided: ${longDate(decision.appealDeterminedOn)}`] : []),
    plan.ceasedOn ? `Ended: ${longDate(plan.ceasedOn)}` : 'The plan continues',
  ];
}

/**
 * The LA's decision to cease the plan (Children and Families Act 2014 s 45,
 * https://www.legislation.gov.uk/ukpga/2014/6/section/45) and any mediation or appeal that followed.
 */
export function CeaseDecisionForm(props: {
  pupilId: string;
  decision: CeaseDecision | undefined;
  eTag: string;
  onDone: (message: string | undefined) => void;
}) {
  const styles = useFormStyles();
  const { me } = useApiSession();
  const entriesOf = (decision: CeaseDecision | undefined) => ({
    notifiedOn: decision?.notifiedOn ?? '',
    reason: decision?.reason ?? '',
    mediationCertificateOn: decision?.mediationCertificateOn ?? '',
    appealLodgedOn: decision?.appealLodgedOn ?? '',
    appealDeterminedOn: decision?.appealDeterminedOn ?? '',
  });
  const {
    draft,
    entries: s,
    set,
  } = useCeaseDraft(props.pupilId, 'decision', props.eTag, () => entriesOf(props.decision));
  useEffect(() => document.getElementById(ceaseFieldId('notifiedOn'))?.focus(), []);
  const parse = (): Parsed => {
    const parsed = ceaseDecisionBody.safeParse({
      notifiedOn: blank(s.notifiedOn),
      reason: blank(s.reason),
      mediationCertificateOn: blank(s.mediationCertificateOn),
      appealLodgedOn: blank(s.appealLodgedOn),
      appealDeterminedOn: blank(s.appealDeterminedOn),
      expectedETag: draft.value.eTag,
    });
    return parsed.success
      ? { success: true, write: { kind: 'decision', pupilId: props.pupilId, body: parsed.data } }
      : { success: false, errors: errorsByField(parsed.error.issues) };
  };
  const date = (key: Exclude<keyof typeof s, 'reason'>, label: string, errors: Record<string, string>) => (
    <Field label={label} required={key === 'notifiedOn'} validationMessage={errors[key]}>
      <Input
        id={ceaseFieldId(key)}
        type="date"
        max={me.today}
        value={s[key]}
        onChange={(_e, d) => set({ [key]: d.value })}
      />
    </Field>
  );
  return (
    <CeaseFormShell
      label="Record a decision to cease"
      saveLabel="Save the decision"
      parse={parse}
      onDone={props.onDone}
      onKeepMine={(eTag) => draft.update({ ...draft.value, eTag })}
      onUseTheirs={(plan, eTag) => draft.update({ entries: entriesOf(plan.ceaseDecision), eTag })}
      discard={draft.discard}
      restored={draft.restored}
      firstField="notifiedOn"
      onSaved={(answer) =>
        answer.plan && answer.cease
          ? `Decision to cease saved. The last day to appeal is ${longDate(answer.cease.lastDayToAppeal)}.`
          : 'Decision to cease saved.'
      }
    >
      {(errors) => (
        <>
          {date('notifiedOn', 'The LA notified the decision on', errors)}
          <Field label="Reason" required validationMessage={errors['reason']}>
            <RadioGroup
              id={ceaseFieldId('reason')}
              value={s.reason}
              onChange={(_e, d) => set({ reason: d.value })}
            >
              {CEASE_REASONS.map((r) => (
                <Radio key={r} value={r} label={`Because ${CEASE_REASON_LABELS[r]}`} />
              ))}
            </RadioGroup>
          </Field>
          {date('mediationCertificateOn', 'Mediation certificate issued on', errors)}
          <div className={styles.row}>
            {date('appealLodgedOn', 'Appeal lodged on', errors)}
            {date('appealDeterminedOn', 'Appeal decided on', errors)}
          </div>
        </>
      )}
    </CeaseFormShell>
  );
}

/**
 * The decision to cease withdrawn: the LA changed its mind, or the First-tier Tribunal allowed the appeal
 * (Children and Families Act 2014 s 51, https://www.legislation.gov.uk/ukpga/2014/6/section/51). The plan
 * continues and its timeline carries on from the next annual review.
 */
export function WithdrawCeaseForm(props: {
  pupilId: string;
  decision: CeaseDecision;
  eTag: string;
  onDone: (message: string | undefined) => void;
}) {
  const { me } = useApiSession();
  const { draft, entries, set } = useCeaseDraft(props.pupilId, 'withdrawal', props.eTag, () => ({
    withdrawnOn: String(props.decision.appealDeterminedOn ?? me.today),
    summary: '',
  }));
  useEffect(() => document.getElementById(ceaseFieldId('withdrawnOn'))?.focus(), []);
  const parse = (): Parsed => {
    const parsed = withdrawCeaseDecisionBody.safeParse({
      withdrawnOn: blank(entries.withdrawnOn),
      summary: blank(entries.summary),
      expectedETag: draft.value.eTag,
    });
    return parsed.success
      ? { success: true, write: { kind: 'withdrawal', pupilId: props.pupilId, body: parsed.data } }
      : { success: false, errors: errorsByField(parsed.error.issues) };
  };
  return (
    <CeaseFormShell
      label="Withdraw the decision to cease"
      saveLabel="Withdraw the decision"
      parse={parse}
      onDone={props.onDone}
      onKeepMine={(eTag) => draft.update({ ...draft.value, eTag })}
      discard={draft.discard}
      restored={draft.restored}
      firstField="withdrawnOn"
      onSaved={() => 'Decision to cease withdrawn: the plan continues.'}
    >
      {(errors) => (
        <>
          <Body1>
            The LA notified its decision on {longDate(props.decision.notifiedOn)}. Record here that the LA has
            withdrawn it, or that the Tribunal allowed the appeal: the plan then continues as before.
          </Body1>
          <Field
            label="Withdrawn on"
            required
            hint="The date of the LA’s letter or of the Tribunal’s decision"
            validationMessage={errors['withdrawnOn']}
          >
            <Input
              id={ceaseFieldId('withdrawnOn')}
              type="date"
              max={me.today}
              value={entries.withdrawnOn}
              onChange={(_e, d) => set({ withdrawnOn: d.value })}
            />
          </Field>
          <Field
            label="Why"
            hint="For example: appeal allowed by the Tribunal"
            validationMessage={errors['summary']}
          >
            <Textarea
              id={ceaseFieldId('summary')}
              resize="vertical"
              value={entries.summary}
              onChange={(_e, d) => set({ summary: d.value })}
            />
          </Field>
        </>
      )}
    </CeaseFormShell>
  );
}

/** The earliest day the plan may end, in words. */
export function mayEndText(cease: CeaseView): string {
  return cease.mayCeaseFrom
    ? `The plan may end from ${longDate(cease.mayCeaseFrom)}.`
    : 'An appeal is waiting for the Tribunal: the plan must be kept until it is decided.';
}

/** The day the plan ended, no earlier than the time to appeal allows (the server's rule and message). */
export function EndPlanForm(props: {
  pupilId: string;
  cease: CeaseView;
  eTag: string;
  onDone: (message: string | undefined) => void;
}) {
  const { me } = useApiSession();
  const { draft, entries, set } = useCeaseDraft(props.pupilId, 'end', props.eTag, () => ({
    ceasedOn: String(me.today),
  }));
  useEffect(() => document.getElementById(ceaseFieldId('ceasedOn'))?.focus(), []);
  const parse = (): Parsed => {
    const parsed = ceaseEhcPlanBody.safeParse({
      ceasedOn: blank(entries.ceasedOn),
      expectedETag: draft.value.eTag,
    });
    return parsed.success
      ? { success: true, write: { kind: 'cessation', pupilId: props.pupilId, body: parsed.data } }
      : { success: false, errors: errorsByField(parsed.error.issues) };
  };
  return (
    <CeaseFormShell
      label="End the plan"
      saveLabel="End the plan"
      parse={parse}
      onDone={props.onDone}
      onKeepMine={(eTag) => draft.update({ ...draft.value, eTag })}
      discard={draft.discard}
      restored={draft.restored}
      firstField="ceasedOn"
      onSaved={(answer) => `The EHC plan ended on ${longDate(answer.plan?.ceasedOn)}.`}
    >
      {(errors) => (
        <>
          <Body1>{mayEndText(props.cease)}</Body1>
          <Field label="End date" required validationMessage={errors['ceasedOn']}>
            <Input
              id={ceaseFieldId('ceasedOn')}
              type="date"
              max={me.today}
              value={entries.ceasedOn}
              onChange={(_e, d) => set({ ceasedOn: d.value })}
            />
          </Field>
        </>
      )}
    </CeaseFormShell>
  );
}
