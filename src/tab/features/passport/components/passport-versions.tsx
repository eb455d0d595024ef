import { Body1, Caption1, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { longDate, plural } from '../../../components/format.ts';
import { LoadingLines } from '../../../components/loading.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { usePassportHistory } from '../api/get-passport-history.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  muted: { color: tokens.colorNeutralForeground2 },
});

/** Every saved version, newest first, with who saved it and how many staff read it. */
export function PassportVersions(props: { pupilId: string }) {
  const styles = useStyles();
  const history = usePassportHistory(props.pupilId);
  return (
    <section className={styles.root} aria-labelledby="versions-title">
      <Subtitle2 as="h2" id="versions-title">
        Versions
      </Subtitle2>
      {history.isPending ? (
        <LoadingLines label="Loading versions" lines={3} />
      ) : history.isError ? (
        <QueryError error={history.error} what="The passport’s versions" onRetry={() => history.refetch()} />
      ) : history.data.versions.length === 0 ? (
        <Body1 className={styles.muted}>No versions yet.</Body1>
      ) : (
        <ol className={styles.list} reversed>
          {history.data.versions.map((v) => {
            const reads = history.data.acknowledgements.filter((a) => a.passportVersion === v.version).length;
            return (
              <li key={v.version}>
                <Body1>
                  Version {v.version}: reviewed {longDate(v.reviewedOn)}
                  {v.updatedBy ? ` by ${v.updatedBy}` : ''}
                </Body1>{' '}
                <Caption1 className={styles.muted}>
                  read by {plural(reads, 'member of staff', 'members of staff')}
                </Caption1>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
