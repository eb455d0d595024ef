import { useState } from 'react';
import { fieldErrorsOf } from '../api/field-errors.ts';
import { describeError } from './describe-error.ts';

/** A form's entries checked with the contract's schema: what to send, or the problems by field path. */
export type Checked<W> = { success: true; write: W } | { success: false; errors: Record<string, string> };

/** A schema's issues as the first message for each field path, each shown where `shownAt` says. */
export function errorsByField(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  shownAt: (path: string) => string = (p) => p,
): Record<string, string> {
  const found: Record<string, string> = {};
  for (const issue of issues) found[shownAt(issue.path.map(String).join('.'))] ??= issue.message;
  return found;
}

/**
 * Takes the keyboard to the first of these controls as the form reads, top to bottom. An id may name the
 * control or a group around it (a radio group): then its first input.
 */
export function focusFirstField(ids: readonly string[]): void {
  const first = ids
    .map((id) => document.getElementById(id))
    .filter((el): el is HTMLElement => el !== null)
    .sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1))[0];
  (first?.matches('input, textarea, select, button')
    ? first
    : first?.querySelector<HTMLElement>('input:not(:disabled), textarea, select')
  )?.focus();
}

/**
 * The save a form on a page shares: the client's problems and the server's 400 by field, with the keyboard
 * taken to the first field at fault; any other refusal in words (a 409 is the caller's, shown with
 * ConflictNotice); on success the caller's `onSaved`. The write is awaited as a promise, not through
 * mutate's callbacks, because a save can take the form off the page before those would run.
 */
export function useCheckedSave<W, A>(props: {
  save: { error: unknown; mutateAsync: (write: W) => Promise<A> };
  /** The record in words, for a refusal: "The review". */
  what: string;
  /** The id of the control for a field path. */
  idOf: (path: string) => string;
  /** Whether the refusal is a 409 the form shows itself. */
  conflicted: boolean;
  /** Where an error on a path is shown, when not on a control of its own. */
  shownAt?: (path: string) => string;
}) {
  const shownAt = props.shownAt ?? ((p: string) => p);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const serverErrors = Object.fromEntries(
    Object.entries(fieldErrorsOf(props.save.error)).map(([p, m]) => [shownAt(p), m]),
  );
  const other =
    props.save.error && !props.conflicted && Object.keys(serverErrors).length === 0
      ? describeError(props.save.error, props.what)
      : undefined;
  const focusFirst = (paths: readonly string[]) =>
    requestAnimationFrame(() => focusFirstField(paths.map((p) => props.idOf(shownAt(p)))));
  const submit = (checked: Checked<W>, onSaved: (answer: A) => void) => {
    if (!checked.success) {
      setClientErrors(checked.errors);
      focusFirst(Object.keys(checked.errors));
      return;
    }
    setClientErrors({});
    props.save
      .mutateAsync(checked.write)
      .then(onSaved, (error: unknown) => focusFirst(Object.keys(fieldErrorsOf(error))));
  };
  return { errors: { ...clientErrors, ...serverErrors }, other, submit, focusFirst };
}
