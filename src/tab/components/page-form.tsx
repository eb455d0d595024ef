import { Button, MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useFormStyles } from './form-styles.ts';

/**
 * A form written on the page (not in a dialog): a note when unsaved entries from earlier are back, the fields,
 * any refusal in words, a notice that someone else saved first (ConflictNotice, the caller's), then Save and
 * Cancel. Save is off while saving and while the notice waits for an answer.
 */
export function PageForm(props: {
  /** The form's name for a screen reader. */
  label: string;
  restored: boolean;
  /** A refusal other than a field's or a conflict, in words. */
  failure: string | undefined;
  conflict: ReactNode;
  saveId: string;
  saveLabel: string;
  pending: boolean;
  onSubmit: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const styles = useFormStyles();
  return (
    <form
      className={styles.form}
      noValidate
      aria-label={props.label}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      {props.restored && (
        <MessageBar intent="info">
          <MessageBarBody>
            Your unsaved entries from earlier are back. Save them or cancel to discard them.
          </MessageBarBody>
        </MessageBar>
      )}
      {props.children}
      {props.failure && (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>Not saved. {props.failure}</MessageBarBody>
        </MessageBar>
      )}
      {props.conflict}
      <div className={styles.actions}>
        <Button
          id={props.saveId}
          appearance="primary"
          type="submit"
          disabled={props.pending || Boolean(props.conflict)}
        >
          {props.pending ? 'Saving…' : props.saveLabel}
        </Button>
        <Button onClick={props.onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
