import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { z } from 'zod';
import {
  needsAssessmentMilestonesBody,
  needsAssessmentRequestBody,
} from '../../../contract/needs-assessments.ts';
import type { CalendarDate } from '../../../domain/calendar-date.ts';
import type { EhcNeedsAssessment } from '../../../domain/ehc-needs-assessment.schema.ts';
import { byDueDate } from '../../../domain/timeline-step.ts';
import { REQUESTERS, type Requester } from '../../../domain/ehc-plan.schema.ts';
import { useApiSession } from '../../api/api-context.tsx';
import { ConflictNotice } from '../../components/conflict-notice.tsx';
import { describeError } from '../../components/describe-error.ts';
import { longDate } from '../../components/format.ts';
import {
  fieldErrorsOf,
  needsAssessmentConflictOf,
  useSaveNeedsAssessment,
  type NeedsAssessmentWrite,
} from './api.ts';
import {
  clearAssessmentDraft,
  draftKeyOf,
  readAssessmentDraft,
  writeAssessmentDraft,
  type AssessmentFormState,
} from './needs-assessment-draft.ts';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '48rem' },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  select: { maxWidth: '100%', minWidth: 0 },
});

export const REQUESTER_LABELS: Record<Requester, string> = {
  school: 'The school',
  parent: 'A parent',
  'young-person': 'The young person',
  health: 'Health services',
  other: 'Someone else',
};

/** The id of the control for a field path, so an error can take the keyboard to it. */
export const assessmentFieldId = (path: string) => `na-field-${path.replace(/\./g, '-')}`;

function stateOf(a: EhcNeedsAssessment | undefined, today: string): AssessmentFormState {
  return {
    requestedBy: a?.requestedBy ?? 'parent',
    requestedOn: a?.requestedOn ?? '',
    receivedByLaOn: a?.receivedByLaOn ?? today,
    decision: a?.decisionToAssess?.decision ?? '',
    decisionOn: a?.decisionToAssess?.notifiedOn ?? '',
    draftPlanServedOn: a?.draftPlanServedOn ?? '',
    finalPlanIssuedOn: a?.finalPlanIssuedOn ?? '',
  };
}

const blank = (s: string) => (s.trim() === '' ? undefined : s);

/**
 * The write as the contract has it, or the schema's issues. Milestones keep everything else recorded on the
 * request (advice, consultation, exceptions) as it was.
 */
function writeOf(
  pupilId: string,
  s: AssessmentFormState,
  current: EhcNeedsAssessment | undefined,
  eTag: string | undefined,
): NeedsAssessmentWrite | z.ZodError {
  const request = {
    requestedBy: s.requestedBy,
    requestedOn: blank(s.requestedOn),
    receivedByLaOn: s.receivedByLaOn,
  };
  if (!current) {
    const parsed = needsAssessmentRequestBody.safeParse(request);
    return parsed.success ? { kind: 'request', pupilId, body: parsed.data } : parsed.error;
  }
  const { id: _id, pupilId: _pupilId, ...kept } = current;
  const parsed = needsAssessmentMilestonesBody.safeParse({
    ...kept,
    ...request,
    decisionToAssess: s.decision === '' ? undefined : { decision: s.decision, notifiedOn: s.decisionOn },
    draftPlanServedOn: blank(s.draftPlanServedOn),
    finalPlanIssuedOn: blank(s.finalPlanIssuedOn),
  });
  return parsed.success
    ? { kind: 'milestones', pupilId, assessmentId: current.id, eTag: eTag ?? '', body: parsed.data }
    : parsed.error;
}

/** Focus on the first field at fault as the form reads, top to bottom. */
function focusFirstError(paths: string[]) {
  const first = paths
    .map((p) => document.getElementById(assessmentFieldId(p)))
    .filter((el): el is HTMLElement => el !== null)
    .sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1))[0];
  first?.focus();
}

/**
 * "Record a request" (no `assessment`) or "Record what the LA did" on one, checked with the contract's schema
 * before the server is asked. Entries are kept as a draft in this browser tab; a change someone else saved
 * meanwhile shows what they saved, with focus on it.
 */
export function NeedsAssessmentForm(props: {
  pupilId: string;
  assessment?: EhcNeedsAssessment;
  eTag?: string;
  onDone: (message: string | undefined) => void;
}) {
  const styles = useStyles();
  const { me } = useApiSession();
  const save = useSaveNeedsAssessment();
  const current = props.assessment;
  const key = draftKeyOf(props.pupilId, current?.id ?? 'request');
  const kept = readAssessmentDraft(key);
  const [state, setState] = useState<AssessmentFormState>(() => kept?.state ?? stateOf(current, me.today));
  const [eTag, setETag] = useState(kept?.eTag ?? props.eTag);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [restored] = useState(kept !== undefined);

  const dirty = JSON.stringify(state) !== JSON.stringify(stateOf(current, me.today));
  useEffect(() => {
    if (dirty) writeAssessmentDraft(key, { eTag, state });
    else clearAssessmentDraft(key);
  }, [dirty, state, eTag, key]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  useEffect(() => {
    document
      .getElementById(assessmentFieldId(current ? 'decisionToAssess.decision' : 'requestedBy'))
      ?.focus();
  }, [current]);

  const conflict = needsAssessmentConflictOf(save.error);

  const errors = { ...clientErrors, ...fieldErrorsOf(save.error) };
  const other =
    save.error && !conflict && Object.keys(fieldErrorsOf(save.error)).length === 0
      ? describeError(save.error, 'The needs assessment request')
      : undefined;
  const set = (patch: Partial<AssessmentFormState>) => setState((s) => ({ ...s, ...patch }));

  const submit = () => {
    const write = writeOf(props.pupilId, state, current, eTag);
    if (write instanceof z.ZodError) {
      const found: Record<string, string> = {};
      for (const issue of write.issues) found[issue.path.map(String).join('.')] ??= issue.message;
      setClientErrors(found);
      requestAnimationFrame(() => focusFirstError(Object.keys(found)));
      return;
    }
    setClientErrors({});
    save.mutate(write, {
      onSuccess: (answer) => {
        clearAssessmentDraft(key);
        // The next open step of the clock, by date.
        const next = [...answer.saved.timeline].sort(byDueDate).find((s) => s.status !== 'done');
        props.onDone(
          `${current ? 'What the LA did is recorded.' : 'Request recorded.'}${next ? ` Next: ${next.label} by ${longDate(next.due)}.` : ''}`,
        );
      },
      onError: (error) => requestAnimationFrame(() => focusFirstError(Object.keys(fieldErrorsOf(error)))),
    });
  };

  const dateField = (
    path: string,
    label: string,
    value: string,
    on: (v: string) => void,
    required = false,
  ) => (
    <Field label={label} required={required} validationMessage={errors[path]}>
      <Input
        id={assessmentFieldId(path)}
        type="date"
        max={me.today}
        value={value}
        onChange={(_e, d) => on(d.value)}
      />
    </Field>
  );

  return (
    <form
      className={styles.form}
      noValidate
      aria-label={current ? 'Record what the LA did' : 'Record a request'}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {restored && (
        <MessageBar intent="info">
          <MessageBarBody>
            Your unsaved entries from earlier are back. Save them or cancel to discard them.
          </MessageBarBody>
        </MessageBar>
      )}
      {current ? (
        <>
          <div className={styles.row}>
            <Field
              label="The LA’s decision on assessing"
              validationMessage={errors['decisionToAssess.decision']}
            >
              <Select
                className={styles.select}
                id={assessmentFieldId('decisionToAssess.decision')}
                value={state.decision}
                onChange={(_e, d) => set({ decision: d.value as AssessmentFormState['decision'] })}
              >
                <option value="">Not decided yet</option>
                <option value="assess">To assess</option>
                <option value="not-assess">Not to assess</option>
              </Select>
            </Field>
            {state.decision !== '' &&
              dateField(
                'decisionToAssess.notifiedOn',
                'Date of the decision',
                state.decisionOn,
                (v) => set({ decisionOn: v }),
                true,
              )}
          </div>
          <div className={styles.row}>
            {dateField('draftPlanServedOn', 'Draft plan issued', state.draftPlanServedOn, (v) =>
              set({ draftPlanServedOn: v }),
            )}
            {dateField('finalPlanIssuedOn', 'Final plan issued', state.finalPlanIssuedOn, (v) =>
              set({ finalPlanIssuedOn: v }),
            )}
          </div>
        </>
      ) : (
        <>
          <Field label="Who requested the assessment" required validationMessage={errors['requestedBy']}>
            <Select
              className={styles.select}
              id={assessmentFieldId('requestedBy')}
              value={state.requestedBy}
              onChange={(_e, d) => set({ requestedBy: d.value as Requester })}
            >
              {REQUESTERS.map((r) => (
                <option key={r} value={r}>
                  {REQUESTER_LABELS[r]}
                </option>
              ))}
            </Select>
          </Field>
          <div className={styles.row}>
            {dateField('requestedOn', 'Date of the request', state.requestedOn, (v) =>
              set({ requestedOn: v }),
            )}
            {dateField(
              'receivedByLaOn',
              'Date the LA received it',
              state.receivedByLaOn,
              (v) => set({ receivedByLaOn: v }),
              true,
            )}
          </div>
        </>
      )}
      {other && (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>Not saved. {other.detail}</MessageBarBody>
        </MessageBar>
      )}
      {conflict && (
        <ConflictNotice
          subject="this request"
          changedBy={conflict.changedBy}
          changedAt={conflict.changedAt}
          summaryLabel="The request as they saved it"
          summary={conflict.assessment ? theirVersion(conflict.assessment) : []}
          keepLabel="Keep my entries"
          onKeepMine={() => {
            setETag(conflict.eTag);
            save.reset();
            requestAnimationFrame(() => document.getElementById('na-save')?.focus());
          }}
          onUseTheirs={() => {
            setState(stateOf(conflict.assessment ?? current, me.today));
            setETag(conflict.eTag);
            save.reset();
            requestAnimationFrame(() =>
              document.getElementById(assessmentFieldId('decisionToAssess.decision'))?.focus(),
            );
          }}
        />
      )}
      <div className={styles.actions}>
        <Button
          id="na-save"
          appearance="primary"
          type="submit"
          disabled={save.isPending || conflict !== undefined}
        >
          {save.isPending ? 'Saving…' : current ? 'Save what the LA did' : 'Record the request'}
        </Button>
        <Button
          onClick={() => {
            clearAssessmentDraft(key);
            props.onDone(undefined);
          }}
        >
          Cancel
        </Button>
      </div>
    </form>
  );
}

const orNot = (date: CalendarDate | undefined) => (date ? longDate(date) : 'not recorded');

function theirVersion(a: EhcNeedsAssessment): string[] {
  const decision = a.decisionToAssess;
  return [
    `Decision: ${
      decision
        ? `${decision.decision === 'assess' ? 'to assess' : 'not to assess'}, ${longDate(decision.notifiedOn)}`
        : 'not recorded'
    }`,
    `Draft plan issued: ${orNot(a.draftPlanServedOn)}`,
    `Final plan issued: ${orNot(a.finalPlanIssuedOn)}`,
  ];
}
