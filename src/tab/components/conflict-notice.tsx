import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { dateTime } from './format.ts';

/**
 * The one notice a form shows when its save was refused because someone else saved the record meanwhile:
 * who and when, their version in a short list, and the two ways on — keep my edits (save over theirs once
 * checked) or use theirs (load their version into the form). When it appears the keyboard is taken to it and
 * it is scrolled into view, so a keyboard or screen-reader user is not left at a button that no longer works
 * (WCAG 2.2 SC 2.4.3 Focus Order, https://www.w3.org/TR/WCAG22/#focus-order).
 */
export function ConflictNotice(props: {
  /** What was changed, as in "changed this plan". */
  subject: string;
  changedBy: string | null | undefined;
  changedAt: string | null | undefined;
  /** Their version, one entry a line; empty when it has gone. */
  summary: readonly ReactNode[];
  /** The list's name for a screen reader, e.g. "The plan as they saved it". */
  summaryLabel: string;
  onKeepMine: () => void;
  /** Absent when there is no version of theirs to load (it was removed). */
  onUseTheirs?: () => void;
  keepLabel?: string;
  theirsLabel?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    ref.current?.scrollIntoView?.({ block: 'center' });
    ref.current?.focus();
  }, []);
  return (
    <div ref={ref} tabIndex={-1} role="alert" aria-labelledby={titleId} data-conflict-notice="">
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle id={titleId}>
            Not saved: {props.changedBy ?? 'someone else'} changed {props.subject}
            {props.changedAt ? ` on ${dateTime(props.changedAt)}` : ''} while you were editing.
          </MessageBarTitle>
          {props.summary.length > 0 ? (
            <ul aria-label={props.summaryLabel}>
              {props.summary.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          ) : (
            <div>Their version has been removed.</div>
          )}
          <div>Your entries are still here.</div>
        </MessageBarBody>
        <MessageBarActions>
          <Button onClick={props.onKeepMine}>{props.keepLabel ?? 'Keep my edits'}</Button>
          {props.onUseTheirs && (
            <Button onClick={props.onUseTheirs}>{props.theirsLabel ?? 'Use theirs'}</Button>
          )}
        </MessageBarActions>
      </MessageBar>
    </div>
  );
}
