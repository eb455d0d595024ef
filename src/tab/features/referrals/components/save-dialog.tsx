import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { Referral } from '../../../../domain/referral.schema.ts';
import { ConflictNotice } from '../../../components/conflict-notice.tsx';
import { describeError } from '../../../components/describe-error.ts';
import { FormDialog, notSavedInWords } from '../../../components/form-dialog.tsx';
import { fieldErrorsOf, referralConflictOf } from '../api/referrals.ts';

/**
 * The save the professional and referral dialogs share: the contract schema's problems beside each field
 * (focus on the first), the server's 400 by field, and a 409 as the shared notice: what is stored now in
 * view, focused, the entries kept; add them to their version (then Save again) or leave theirs as it is.
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
  /** What is stored now, one line each, on a 409. */
  summarise?: (stored: Referral) => string[];
  /** Rebase the entries on the stored version (then save again). */
  onKeepMine?: (current: { value: Referral; eTag: string }) => void;
  children: (errors: Record<string, string>) => ReactNode;
}) {
  const [local, setLocal] = useState<Record<string, string>>({});
  const conflict = referralConflictOf(props.error);
  const server = fieldErrorsOf(props.error);
  const errors = { ...local, ...server };
  const count = Object.keys(errors).length;
  const submitId = useId();
  const fieldsRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    fieldsRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [local, props.error]);
  const other =
    props.error && !conflict && Object.keys(server).length === 0
      ? describeError(props.error, props.what)
      : undefined;
  return (
    <FormDialog
      open
      title={props.title}
      submitLabel={props.submitLabel}
      submitId={submitId}
      pendingLabel="Saving…"
      pending={props.pending}
      canSubmit={!conflict}
      noValidate
      onClose={props.onClose}
      failure={notSavedInWords(other, count)}
      onSubmit={() => setLocal(props.submit() ?? {})}
    >
      <div ref={fieldsRef} style={{ display: 'contents' }}>
        {props.children(errors)}
      </div>
      {conflict && (
        <ConflictNotice
          subject="this referral"
          changedBy={conflict.changedBy}
          changedAt={conflict.changedAt}
          summaryLabel="The referral as they saved it"
          summary={conflict.current ? (props.summarise?.(conflict.current.value) ?? []) : []}
          keepLabel={conflict.current ? 'Add my entries to their version' : 'Close'}
          onKeepMine={() => {
            const current = conflict.current;
            if (!current || !props.onKeepMine) return props.onClose();
            props.onKeepMine(current);
            requestAnimationFrame(() => document.getElementById(submitId)?.focus());
          }}
          theirsLabel="Leave theirs as it is"
          onUseTheirs={conflict.current ? props.onClose : undefined}
        />
      )}
    </FormDialog>
  );
}
