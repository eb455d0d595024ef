import {
  Button,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useId, useState, type ReactNode } from 'react';
import {
  SEN_SUPPORT_PLAN_WORDING as W,
  supportLayerLabel,
} from '../../../../domain/sen-support-plan-wording.ts';
import type { SenSupportPlan } from '../../../../domain/sen-support-plan.schema.ts';
import { ConflictNotice } from '../../../components/conflict-notice.tsx';
import { describeError } from '../../../components/describe-error.ts';
import { FormDialog, notSavedInWords } from '../../../components/form-dialog.tsx';
import { longDate } from '../../../components/format.ts';
import {
  fieldErrorsOf,
  planConflictOf,
  useSavePlanChange,
  type PlanChangeRequest,
} from '../api/sen-support-plan.ts';

/** An outcome's fields in a bordered group; buttons in a row. */
export const useOutcomeStyles = makeStyles({
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
export const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** Text fields left empty are not sent. */
export const opt = (text: string) => (text.trim() === '' ? undefined : text);

export type Done = (message: string) => void;

/** What every plan dialog is given by the plan's section. */
export type PlanDialogProps = {
  pupilId: string;
  open: boolean;
  onClose: () => void;
  onDone: Done;
  /** Fetches the plan again; the dialog's version becomes the one stored. */
  reload: () => Promise<unknown>;
};

/** The plan as someone else saved it: its current cycle, one line each. */
export function storedPlanSummary(plan: SenSupportPlan): string[] {
  const cycle = plan.cycles.at(-1);
  const layer = `Layer of support: ${supportLayerLabel(plan.layer)}`;
  if (!cycle) return [layer];
  const meetings = cycle.parentMeetings.length;
  return [
    layer,
    `Review date: ${longDate(cycle.reviewOn)}${cycle.reviewedOn ? `, reviewed on ${longDate(cycle.reviewedOn)}` : ''}`,
    ...cycle.outcomes.map((o, i) => `Outcome ${i + 1}: ${o.description}`),
    `${meetings === 0 ? 'No' : meetings} parent meeting${meetings === 1 ? '' : 's'} this cycle`,
  ];
}

/**
 * The save every plan dialog shares: client-side checks with the contract's schema (the server's words), the
 * server's 400 by field, and a 409 as the shared notice (their version in view, focused, entries kept). Keep
 * my edits fetches their version and saves over it on the next Save; Use theirs (where the dialog edits what
 * they changed) puts their version into the form.
 */
export function PlanDialog(props: {
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
  /** Their plan into the form; absent where the dialog adds to the plan rather than edits it. */
  onUseTheirs?: (plan: SenSupportPlan) => void;
  children: (errors: Record<string, string>) => ReactNode;
}) {
  const save = useSavePlanChange();
  const submitId = useId();
  const [local, setLocal] = useState<Record<string, string>>({});
  const conflict = planConflictOf(save.error);
  const errors = { ...local, ...fieldErrorsOf(save.error) };
  const count = Object.keys(errors).length;
  const other =
    save.error && !conflict && Object.keys(fieldErrorsOf(save.error)).length === 0
      ? describeError(save.error, 'The plan')
      : undefined;
  const close = () => {
    save.reset();
    setLocal({});
    props.onClose();
  };
  /** Their version becomes the one the next save quotes; then the keyboard goes where the SENCO goes on. */
  const answered = (focus: () => void) =>
    void props.reload().then(() => {
      save.reset();
      requestAnimationFrame(focus);
    });
  const theirs = conflict?.current?.value;
  return (
    <FormDialog
      open={props.open}
      title={props.title}
      submitLabel={props.submitLabel}
      submitId={submitId}
      pendingLabel="Saving…"
      pending={save.isPending}
      canSubmit={!conflict}
      noValidate
      onClose={close}
      failure={notSavedInWords(other, count)}
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
        <ConflictNotice
          subject="this plan"
          changedBy={conflict.changedBy}
          changedAt={conflict.changedAt}
          summaryLabel="The plan as they saved it"
          summary={theirs ? storedPlanSummary(theirs) : []}
          onKeepMine={() => answered(() => document.getElementById(submitId)?.focus())}
          onUseTheirs={
            theirs && props.onUseTheirs
              ? () => {
                  props.onUseTheirs?.(theirs);
                  answered(() =>
                    document
                      .querySelector<HTMLElement>('[role="dialog"] input, [role="dialog"] textarea')
                      ?.focus(),
                  );
                }
              : undefined
          }
        />
      )}
    </FormDialog>
  );
}

/** The note that unsaved entries from earlier are back, with the way to drop them. */
export function RestoredEntries(props: { restored: boolean; onDiscard: () => void }) {
  if (!props.restored) return null;
  return (
    <MessageBar intent="info">
      <MessageBarBody>Your unsaved entries from earlier are still here.</MessageBarBody>
      <MessageBarActions>
        <Button onClick={props.onDiscard}>Discard them</Button>
      </MessageBarActions>
    </MessageBar>
  );
}

/** A problem with a whole list (no outcome, progress missing), shown above its entries. */
export function ListError(props: { message: string | undefined }) {
  if (!props.message) return null;
  return (
    <MessageBar intent="error">
      <MessageBarBody>{props.message}</MessageBarBody>
    </MessageBar>
  );
}

/** Who came to a meeting with the parents and what was agreed: in a review, and on its own. */
export function MeetingFields(props: {
  attendees: string;
  agreed: string;
  onChange: (patch: { attendees?: string; agreed?: string }) => void;
  errors: Record<string, string>;
  /** Where the meeting sits in the request: '' or 'parentMeeting.'. */
  at: string;
}) {
  return (
    <>
      <Field
        label={W.meeting.attendees}
        hint="One per line."
        required
        validationMessage={props.errors[`${props.at}attendees`]}
      >
        <Textarea value={props.attendees} onChange={(_e, d) => props.onChange({ attendees: d.value })} />
      </Field>
      <Field label={W.meeting.agreed} required validationMessage={props.errors[`${props.at}agreed`]}>
        <Textarea value={props.agreed} onChange={(_e, d) => props.onChange({ agreed: d.value })} />
      </Field>
    </>
  );
}
