import {
  Body1,
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import {
  ceaseDecisionBody,
  ceaseEhcPlanBody,
  type CeaseView,
  type EhcPlanAnswer,
} from '../../../../contract/ehc-plans.ts';
import {
  CEASE_REASON_LABELS,
  CEASE_REASONS,
  type CeaseDecision,
} from '../../../../domain/ehc-plan.schema.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { describeError } from '../../../components/describe-error.ts';
import { dateTime, longDate } from '../../../components/format.ts';
import { ehcPlanConflictOf } from '../api/save-ehc-plan.ts';
import { useSaveCease, type CeaseWrite } from '../api/save-ehc-plan-cease.ts';
import { fieldErrorsOf } from '../api/save-sen-record.ts';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '48rem' },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

export const ceaseFieldId = (path: string) => `cease-field-${path}`;
const blank = (s: string) => (s.trim() === '' ? undefined : s);

type Parsed = { success: true; write: CeaseWrite } | { success: false; errors: Record<string, string> };

/**
 * One write of the plan's ending, checked with the contract's schema: errors named on their fields with the
 * keyboard taken to the first; a change someone else saved meanwhile is a notice with focus on it.
 */
function CeaseFormShell(props: {
  label: string;
  saveLabel: string;
  parse: () => Parsed;
  onSaved: (answer: EhcPlanAnswer) => string;
  onDone: (message: string | undefined) => void;
  children: (errors: Record<string, string>) => ReactNode;
}) {
  const styles = useStyles();
  const save = useSaveCease();
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const conflictRef = useRef<HTMLDivElement>(null);
  const conflict = ehcPlanConflictOf(save.error);
  useEffect(() => {
    if (conflict) conflictRef.current?.focus();
  }, [conflict]);
  const serverErrors = fieldErrorsOf(save.error);
  const errors = { ...clientErrors, ...serverErrors };
  const other =
    save.error && !conflict && Object.keys(serverErrors).length === 0
      ? describeError(save.error, 'The EHC plan')
      : undefined;
  const focusFirst = (paths: string[]) => {
    const first = paths
      .map((p) => document.getElementById(ceaseFieldId(p)))
      .filter((el): el is HTMLElement => el !== null)
      .sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1))[0];
    (first?.matches('input') ? first : first?.querySelector('input'))?.focus();
  };
  const submit = () => {
    const parsed = props.parse();
    if (!parsed.success) {
      setClientErrors(parsed.errors);
      requestAnimationFrame(() => focusFirst(Object.keys(parsed.errors)));
      return;
    }
    setClientErrors({});
    save.mutate(parsed.write, {
      onSuccess: (answer) => props.onDone(props.onSaved(answer)),
      onError: (error) => requestAnimationFrame(() => focusFirst(Object.keys(fieldErrorsOf(error)))),
    });
  };
  return (
    <form
      className={styles.form}
      noValidate
      aria-label={props.label}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {props.children(errors)}
      {other && (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>Not saved. {other.detail}</MessageBarBody>
        </MessageBar>
      )}
      {conflict && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <div ref={conflictRef} tabIndex={-1} role="alert">
              Not saved: {conflict.changedBy ?? 'someone else'} changed this plan
              {conflict.changedAt ? ` on ${dateTime(conflict.changedAt)}` : ''} while you were editing. Cancel
              to see the plan as it is now.
            </div>
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={save.isPending || conflict !== undefined}>
          {save.isPending ? 'Saving…' : props.saveLabel}
        </Button>
        <Button onClick={() => props.onDone(undefined)}>Cancel</Button>
      </div>
    </form>
  );
}

const issuesOf = (issues: { path: PropertyKey[]; message: string }[]) => {
  const found: Record<string, string> = {};
  for (const issue of issues) found[issue.path.map(String).join('.')] ??= issue.message;
  return found;
};

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
  const styles = useStyles();
  const { me } = useApiSession();
  const [s, setS] = useState({
    notifiedOn: props.decision?.notifiedOn ?? '',
    reason: props.decision?.reason ?? '',
    mediationCertificateOn: props.decision?.mediationCertificateOn ?? '',
    appealLodgedOn: props.decision?.appealLodgedOn ?? '',
    appealDeterminedOn: props.decision?.appealDeterminedOn ?? '',
  });
  useEffect(() => document.getElementById(ceaseFieldId('notifiedOn'))?.focus(), []);
  const parse = (): Parsed => {
    const parsed = ceaseDecisionBody.safeParse({
      notifiedOn: blank(s.notifiedOn),
      reason: blank(s.reason),
      mediationCertificateOn: blank(s.mediationCertificateOn),
      appealLodgedOn: blank(s.appealLodgedOn),
      appealDeterminedOn: blank(s.appealDeterminedOn),
      expectedETag: props.eTag,
    });
    return parsed.success
      ? { success: true, write: { kind: 'decision', pupilId: props.pupilId, body: parsed.data } }
      : { success: false, errors: issuesOf(parsed.error.issues) };
  };
  const date = (key: Exclude<keyof typeof s, 'reason'>, label: string, errors: Record<string, string>) => (
    <Field label={label} required={key === 'notifiedOn'} validationMessage={errors[key]}>
      <Input
        id={ceaseFieldId(key)}
        type="date"
        max={me.today}
        value={s[key]}
        onChange={(_e, d) => setS((x) => ({ ...x, [key]: d.value }))}
      />
    </Field>
  );
  return (
    <CeaseFormShell
      label="Record a decision to cease"
      saveLabel="Save the decision"
      parse={parse}
      onDone={props.onDone}
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
              onChange={(_e, d) => setS((x) => ({ ...x, reason: d.value }))}
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
  const [ceasedOn, setCeasedOn] = useState<string>(me.today);
  useEffect(() => document.getElementById(ceaseFieldId('ceasedOn'))?.focus(), []);
  const parse = (): Parsed => {
    const parsed = ceaseEhcPlanBody.safeParse({ ceasedOn: blank(ceasedOn), expectedETag: props.eTag });
    return parsed.success
      ? { success: true, write: { kind: 'cessation', pupilId: props.pupilId, body: parsed.data } }
      : { success: false, errors: issuesOf(parsed.error.issues) };
  };
  return (
    <CeaseFormShell
      label="End the plan"
      saveLabel="End the plan"
      parse={parse}
      onDone={props.onDone}
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
              value={ceasedOn}
              onChange={(_e, d) => setCeasedOn(d.value)}
            />
          </Field>
        </>
      )}
    </CeaseFormShell>
  );
}
