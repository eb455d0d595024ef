import { Body1, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { EmptyState } from '../../../components/empty-state.tsx';
import { dateTime } from '../../../components/format.ts';
import { LoadingLines } from '../../../components/loading.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { useAuditLog, type AuditLogEntry } from '../api/get-audit-log.ts';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  entry: {
    display: 'flex',
    flexWrap: 'wrap',
    justifyContent: 'space-between',
    columnGap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalXS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  muted: { color: tokens.colorNeutralForeground2 },
  cell: { overflowWrap: 'anywhere' },
});

const ACTIONS: Record<AuditLogEntry['action'], string> = {
  read: 'Viewed',
  create: 'Created',
  update: 'Changed',
  delete: 'Deleted',
  acknowledge: 'Confirmed reading',
  export: 'Exported',
};

const RESOURCES: Record<string, string> = {
  pupil: 'record',
  passport: 'passport',
  'passport-history': 'passport versions',
  'pupil-history': 'status and needs history',
  'sen-support-plan': 'SEN support plan',
  'ehc-plan': 'EHC plan',
  'pupil-interventions': 'interventions',
  professionals: 'professionals',
  'intervention-session': 'intervention session',
};

/** Who viewed and changed this pupil's record, newest first (the SENCO only). */
export function AuditSection(props: { pupilId: string }) {
  const styles = useStyles();
  const query = useAuditLog(props.pupilId);
  if (query.isPending) return <LoadingLines label="Loading the audit log" lines={6} />;
  if (query.isError)
    return <QueryError error={query.error} what="The audit log" onRetry={() => query.refetch()} />;
  if (query.data.entries.length === 0) {
    return (
      <EmptyState title="Nothing recorded yet">Views and changes of this record will appear here.</EmptyState>
    );
  }
  return (
    <>
      <Body1 className={styles.muted}>
        The latest {query.data.entries.length} views and changes of this pupil’s record, newest first.
      </Body1>
      <ol className={styles.list} aria-label="Audit log">
        {query.data.entries.map((e, i) => (
          <li key={e.id ?? `${e.at}-${i}`} className={styles.entry}>
            <Body1 className={styles.cell}>
              <strong>{e.actor.upn}</strong> {ACTIONS[e.action].toLocaleLowerCase('en-GB')}{' '}
              {RESOURCES[e.resource] ?? e.resource}
              {e.detail && e.detail !== 'full' && e.detail !== 'class' ? ` (${e.detail})` : ''}
            </Body1>
            <Caption1 className={styles.muted}>{dateTime(e.at)}</Caption1>
          </li>
        ))}
      </ol>
    </>
  );
}
