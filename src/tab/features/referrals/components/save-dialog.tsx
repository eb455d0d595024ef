import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { describeError } from '../../../components/describe-error.ts';
import { FormDialog } from '../../../components/form-dialog.tsx';
import { dateTime } from '../../../components/format.ts';
import { fieldErrorsOf, referralConflictOf } from '../api/referrals.ts';

/**
 * The save the professional and referral dialogs share: the contract schema's problems beside each field
 * (focus on the first), the server's 400 by field, and a 409 shown with what is stored now, focused.
 */
export function SaveDialog(props: {
  title: string;
  submitLabel: string;
  what: string;
  pending: boolean;
  error: unknown;
  /** Sends, or returns the problems by field. */
  submit: () => Record<string, string> | undefined;
  onClose: () => void;
  /** What is stored now, in words, on a 409. */
  describeStored?: (current: NonNullable<ReturnType<typeof referralConflictOf>>['current']) => string;
  /** Rebase the entries on the stored version (then save again). */
  onUseTheirs?: (current: NonNullable<NonNullable<ReturnType<typeof referralConflictOf>>['current']>) => void;
  children: (errors: Record<string, string>) => ReactNode;
}) {
  const [local, setLocal] = useState<Record<string, string>>({});
  const conflict = referralConflictOf(props.error);
  const server = fieldErrorsOf(props.error);
  const errors = { ...local, ...server };
  const count = Object.keys(errors).length;
  const fieldsRef = useRef<HTMLDivElement>(null);
  const conflictRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    fieldsRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [local, props.error]);
  useEffect(() => {
    if (conflict) conflictRef.current?.focus();
  }, [conflict]);
  const other =
    props.error && !conflict && Object.keys(server).length === 0
      ? describeError(props.error, props.what)
      : undefined;
  return (
    <FormDialog
      open
      title={props.title}
      submitLabel={props.submitLabel}
      pendingLabel="Saving…"
      pending={props.pending}
      canSubmit={!conflict}
      noValidate
      onClose={props.onClose}
      failure={
        other
          ? `Not saved. ${other.detail}`
          : count > 0
            ? `Not saved: ${count === 1 ? 'one entry needs' : `${count} entries need`} changing (shown beside ${count === 1 ? 'it' : 'each'}).`
            : undefined
      }
      onSubmit={() => setLocal(props.submit() ?? {})}
    >
      <div ref={fieldsRef} style={{ display: 'contents' }}>
        {props.children(errors)}
      </div>
      {conflict && (
        <div ref={conflictRef} tabIndex={-1} aria-labelledby="referral-conflict-title">
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle id="referral-conflict-title">
                Not saved: {conflict.changedBy ?? 'someone else'} changed this referral
                {conflict.changedAt ? ` on ${dateTime(conflict.changedAt)}` : ''}
              </MessageBarTitle>
              {props.describeStored?.(conflict.current) ?? ''} Your entries are still here: add them to their
              version, check, then save again.
            </MessageBarBody>
            {conflict.current && props.onUseTheirs && (
              <MessageBarActions>
                <Button onClick={() => conflict.current && props.onUseTheirs?.(conflict.current)}>
                  Add my entries to their version
                </Button>
              </MessageBarActions>
            )}
          </MessageBar>
        </div>
      )}
    </FormDialog>
  );
}
