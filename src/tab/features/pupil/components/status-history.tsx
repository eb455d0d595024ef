import {
  Body1,
  Button,
  Caption1,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Subtitle2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { useApiSession } from '../../../api/api-context.tsx';
import { dateTime, longDate } from '../../../components/format.ts';
import { LoadingLines } from '../../../components/loading.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { usePupilHistory } from '../api/get-pupil-history.ts';
import { ChangeSenStatusDialog, RecordNeedsDialog, lacksPrimaryNeed } from './sen-record-dialogs.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  muted: { color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

const span = (from: string | null, to: string | null) =>
  `${from ? longDate(from as never) : 'no start date'} – ${to ? longDate(to as never) : 'now'}`;

/**
 * SEN provision (N, K, E and legacy codes) and ranked needs over time, oldest first. The SEND team change the
 * status and record needs here; each change is dated and kept in the history. A pupil on the register with no
 * primary need is flagged by the school census, so the record asks for one, and a status change that leaves
 * the pupil so takes the SENCO (and keyboard focus) straight to that next step.
 */
export function StatusHistory(props: { pupilId: string }) {
  const styles = useStyles();
  const { me } = useApiSession();
  const history = usePupilHistory(props.pupilId);
  const [dialog, setDialog] = useState<'status' | 'needs' | undefined>();
  const [saved, setSaved] = useState('');
  // After a save, focus goes on to what comes next: the button that opened the dialog may be gone.
  const focusAfterSave = useRef<'next-step' | 'record-need' | undefined>(undefined);
  const recordPrimaryNeed = useRef<HTMLButtonElement>(null);
  const recordNeed = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const next = focusAfterSave.current;
    if (!next || dialog !== undefined) return;
    focusAfterSave.current = undefined;
    (next === 'next-step' ? recordPrimaryNeed : recordNeed).current?.focus();
  }, [dialog]);

  if (history.isPending) return <LoadingLines label="Loading status and needs history" lines={4} />;
  if (history.isError) {
    return <QueryError error={history.error} what="The history" onRetry={() => history.refetch()} />;
  }
  const { senProvision, needs, senStatus } = history.data;
  const askForPrimaryNeed = me.can.fullRecords && lacksPrimaryNeed(history.data);
  const dialogProps = {
    history: history.data,
    open: true,
    onClose: () => setDialog(undefined),
    onSaved: setSaved,
    onReload: () => history.refetch(),
  };
  return (
    <div className={styles.root}>
      {me.can.fullRecords && (
        <div className={styles.actions}>
          <Button onClick={() => setDialog('status')}>Change SEN status</Button>
          {/* Needs are for pupils on the register: the census records none at N. Without a primary need, the
              prompt below offers it instead. */}
          {senStatus !== 'N' && !askForPrimaryNeed && (
            <Button ref={recordNeed} onClick={() => setDialog('needs')}>
              Record need
            </Button>
          )}
        </div>
      )}
      <Body1 role="status">{saved}</Body1>
      {askForPrimaryNeed && (
        <MessageBar intent="warning" politeness="polite" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>No primary need recorded</MessageBarTitle>
            The school census expects a primary need for every pupil on the SEN register.
          </MessageBarBody>
          <MessageBarActions>
            <Button ref={recordPrimaryNeed} onClick={() => setDialog('needs')}>
              Record their primary need
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {history.data.modifiedBy && history.data.modifiedAt && (
        <Caption1 className={styles.muted}>
          Last changed by {history.data.modifiedBy}, {dateTime(history.data.modifiedAt)}
        </Caption1>
      )}
      {dialog === 'status' && (
        <ChangeSenStatusDialog
          {...dialogProps}
          onSaved={(message) => {
            setSaved(message);
            focusAfterSave.current = 'next-step';
          }}
        />
      )}
      {dialog === 'needs' && (
        <RecordNeedsDialog
          {...dialogProps}
          onSaved={(message) => {
            setSaved(message);
            focusAfterSave.current = 'record-need';
          }}
        />
      )}
      <Subtitle2 as="h3">SEN status</Subtitle2>
      {senProvision.length === 0 ? (
        <Body1 className={styles.muted}>No SEN status recorded.</Body1>
      ) : (
        <ol className={styles.list}>
          {senProvision.map((p) => (
            <li key={`${p.code}-${p.startOn}`}>
              <Body1>{p.label}</Body1>{' '}
              <Caption1 className={styles.muted}>{span(p.startOn, p.endOn)}</Caption1>
            </li>
          ))}
        </ol>
      )}
      <Subtitle2 as="h3">Needs</Subtitle2>
      {needs.length === 0 ? (
        <Body1 className={styles.muted}>No needs recorded.</Body1>
      ) : (
        <ol className={styles.list}>
          {needs.map((n) => (
            <li key={`${n.code}-${n.rank}-${n.startOn ?? ''}`}>
              <Body1>
                {n.description} ({n.code}), {n.rank === 1 ? 'primary' : 'secondary'}
              </Body1>{' '}
              <Caption1 className={styles.muted}>{span(n.startOn, n.endOn)}</Caption1>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
