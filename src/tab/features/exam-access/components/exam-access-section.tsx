import { Body1, Button, Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import type { AccessArrangementRecord } from '../../../../contract/exam-access.ts';
import { examArrangementsNamedIn } from '../../../../domain/exam-access.ts';
import { EXAM_ARRANGEMENT_LABELS } from '../../../api/pupil-labels.ts';
import { longDate } from '../../../components/format.ts';
import { LoadingLines } from '../../../components/loading.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { useAccessArrangements } from '../api/access-arrangements.ts';
import { ARRANGEMENT_STATUS_LABELS, ArrangementDialog } from './arrangement-dialog.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  item: { overflowWrap: 'anywhere' },
  issues: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    color: tokens.colorPaletteDarkOrangeForeground1,
  },
  muted: { color: tokens.colorNeutralForeground2 },
});

type Editing =
  | { kind: 'new'; start?: { arrangement?: string; evidence?: string } }
  | { kind: 'change'; record: AccessArrangementRecord };

function describe(record: AccessArrangementRecord): string {
  const a = record.arrangement;
  return [
    ARRANGEMENT_STATUS_LABELS[a.status],
    a.route === 'aao' ? 'applied through AAO' : 'delegated',
    a.expiresOn ? `expires ${longDate(a.expiresOn)}` : 'no expiry recorded',
  ].join(', ');
}

/** The first arrangement a passport line names that has no live record. */
function firstUnrecorded(line: string, recorded: readonly AccessArrangementRecord[]): string {
  const live = new Set(
    recorded
      .filter((r) => r.arrangement.status !== 'rejected' && r.arrangement.status !== 'withdrawn')
      .map((r) => r.arrangement.arrangement),
  );
  return examArrangementsNamedIn(line).find((a) => !live.has(a)) ?? '';
}

/**
 * A pupil's exam access arrangements as recorded, with what to check before exams; record one, change
 * one, and record the ones the passport names but nobody has recorded yet.
 */
export function ExamAccessSection(props: { pupilId: string }) {
  const styles = useStyles();
  const query = useAccessArrangements(props.pupilId);
  const [editing, setEditing] = useState<Editing | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  const statusRef = useRef<HTMLParagraphElement>(null);
  const onDone = (text: string) => {
    setEditing(undefined);
    setMessage(text);
    // After a save the dialog is gone: focus goes to what happened, where the next action is.
    setTimeout(() => statusRef.current?.focus(), 0);
  };
  if (query.isPending) return <LoadingLines label="Loading exam access arrangements" lines={3} />;
  if (query.isError)
    return <QueryError error={query.error} what="Exam access arrangements" onRetry={() => query.refetch()} />;
  const { arrangements, unrecordedOnPassport } = query.data;

  return (
    <div className={styles.root}>
      <p ref={statusRef} tabIndex={-1} role="status" className={styles.muted}>
        {message}
      </p>
      {arrangements.length === 0 ? (
        <Body1 className={styles.muted}>None recorded.</Body1>
      ) : (
        <ul className={styles.list} aria-label="Exam access arrangements">
          {arrangements.map((r) => (
            <li key={r.arrangement.id} className={styles.item}>
              <Text weight="semibold">{EXAM_ARRANGEMENT_LABELS[r.arrangement.arrangement]}</Text>{' '}
              <Caption1 className={styles.muted}>{describe(r)}</Caption1>{' '}
              <Button
                size="small"
                appearance="subtle"
                aria-label={`Change ${EXAM_ARRANGEMENT_LABELS[r.arrangement.arrangement]}`}
                onClick={() => setEditing({ kind: 'change', record: r })}
              >
                Change
              </Button>
              {r.issues.length > 0 && (
                <ul className={styles.issues}>
                  {r.issues.map((i) => (
                    <li key={i.message}>
                      <Caption1>{i.message}</Caption1>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      {unrecordedOnPassport.length > 0 && (
        <ul className={styles.list} aria-label="On the passport but not recorded">
          {unrecordedOnPassport.map((line) => (
            <li key={line} className={styles.item}>
              <Caption1>On the passport but not recorded: {line} — </Caption1>
              <Button
                size="small"
                appearance="subtle"
                aria-label={`Record it: ${line}`}
                onClick={() =>
                  setEditing({
                    kind: 'new',
                    start: { arrangement: firstUnrecorded(line, arrangements), evidence: line },
                  })
                }
              >
                Record it
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div>
        <Button onClick={() => setEditing({ kind: 'new' })}>Record an arrangement</Button>
      </div>
      {editing && (
        <ArrangementDialog
          pupilId={props.pupilId}
          record={editing.kind === 'change' ? editing.record : undefined}
          start={editing.kind === 'new' ? editing.start : undefined}
          onClose={() => setEditing(undefined)}
          onDone={onDone}
        />
      )}
    </div>
  );
}
