import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

/**
 * Why a dialog's save did not happen, in words: a refusal other than a field's, or how many entries need
 * changing (each shown beside its field).
 */
export function notSavedInWords(other: { detail: string } | undefined, count: number): string | undefined {
  if (other) return `Not saved. ${other.detail}`;
  if (count === 0) return undefined;
  return `Not saved: ${count === 1 ? 'one entry needs' : `${count} entries need`} changing (shown beside ${count === 1 ? 'it' : 'each'}).`;
}

/**
 * A dialog that is one form: its title, its fields, what went wrong, Cancel and the submit button (with a
 * spinner while saving). Escape, the close gesture and Cancel all call `onClose`; Enter submits. What the
 * form does on submit, and any warning with its own actions (a 409), are the caller's.
 */
export function FormDialog(props: {
  open: boolean;
  title: ReactNode;
  submitLabel: string;
  /** Shown on the submit button while saving; default `submitLabel`. */
  pendingLabel?: string;
  pending: boolean;
  canSubmit: boolean;
  onSubmit: () => void;
  onClose: () => void;
  /** A failure in words, shown above the buttons as an alert. */
  failure?: string | undefined;
  /** Leave checking to the form's own messages rather than the browser's bubbles. */
  noValidate?: boolean;
  /** The submit button's id, for a form that takes the keyboard back to it (after a conflict is answered). */
  submitId?: string;
  children: ReactNode;
}) {
  const styles = useStyles();
  return (
    <Dialog open={props.open} onOpenChange={(_e, data) => !data.open && props.onClose()}>
      <DialogSurface>
        <form
          noValidate={props.noValidate}
          onSubmit={(e) => {
            e.preventDefault();
            props.onSubmit();
          }}
        >
          <DialogBody>
            <DialogTitle>{props.title}</DialogTitle>
            <DialogContent className={styles.form}>
              {props.children}
              {props.failure && (
                <MessageBar intent="error" role="alert" layout="multiline">
                  <MessageBarBody>{props.failure}</MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions>
              <Button onClick={props.onClose}>Cancel</Button>
              <Button
                id={props.submitId}
                appearance="primary"
                type="submit"
                disabled={!props.canSubmit || props.pending}
                icon={props.pending ? <Spinner size="tiny" /> : undefined}
              >
                {props.pending ? (props.pendingLabel ?? props.submitLabel) : props.submitLabel}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
