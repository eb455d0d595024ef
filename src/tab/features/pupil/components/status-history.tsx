import { Body1, Button, Caption1, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useApiSession } from '../../../api/api-context.tsx';
import { dateTime, shortDate } from '../../../components/format.ts';
import { LoadingLines } from '../../../components/loading.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { usePupilHistory } from '../api/get-pupil-history.ts';
import { ChangeSenStatusDialog, RecordNeedsDialog } from './sen-record-dialogs.tsx';

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
  `${from ? shortDate(from as never) : 'no start date'} – ${to ? shortDate(to as never) : 'now'}`;

/**
 * SEN provision (N, K, E and legacy codes) and ranked needs over time, oldest first. The SEND team change the
 * status and record needs here; each change is dated and kept in the history.
 */
export function StatusHistory(props: { pupilId: string }) {
  const styles = useStyles();
  const { me } = useApiSession();
  const history = usePupilHistory(props.pupilId);
  const [dialog, setDialog] = useState<'status' | 'needs' | undefined>();
  const [saved, setSaved] = useState('');
  if (history.isPending) return <LoadingLines label="Loading status and needs history" lines={4} />;
  if (history.isError) {
    return <QueryError error={history.error} what="The history" onRetry={() => history.refetch()} />;
  }
  const { senProvision, needs, senStatus } = history.data;
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
          {/* Needs are for pupils on the register: the census records none at N. */}
          {senStatus !== 'N' && <Button onClick={() => setDialog('needs')}>Record need</Button>}
        </div>
      )}
      <Body1 role="status">{saved}</Body1>
      {history.data.modifiedBy && history.data.modifiedAt && (
        <Caption1 className={styles.muted}>
          Last changed by {history.data.modifiedBy}, {dateTime(history.data.modifiedAt)}
        </Caption1>
      )}
      {dialog === 'status' && <ChangeSenStatusDialog {...dialogProps} />}
      {dialog === 'needs' && <RecordNeedsDialog {...dialogProps} />}
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
