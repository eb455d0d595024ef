import { Body1, Caption1, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { shortDate } from '../../../components/format.ts';
import { LoadingLines } from '../../../components/loading.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { usePupilHistory } from '../api/get-pupil-history.ts';

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
});

const span = (from: string | null, to: string | null) =>
  `${from ? shortDate(from as never) : 'no start date'} – ${to ? shortDate(to as never) : 'now'}`;

/** SEN provision (N, K, E and legacy codes) and ranked needs over time, oldest first. */
export function StatusHistory(props: { pupilId: string }) {
  const styles = useStyles();
  const history = usePupilHistory(props.pupilId);
  if (history.isPending) return <LoadingLines label="Loading status and needs history" lines={4} />;
  if (history.isError) {
    return <QueryError error={history.error} what="The history" onRetry={() => history.refetch()} />;
  }
  const { senProvision, needs } = history.data;
  return (
    <div className={styles.root}>
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
