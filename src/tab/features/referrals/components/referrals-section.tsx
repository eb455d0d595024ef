import {
  Badge,
  Body1,
  Button,
  Caption1,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useRef, useState } from 'react';
import type { ReferralView } from '../../../../contract/professionals.ts';
import { longDate } from '../../../components/format.ts';
import { LoadingLines } from '../../../components/loading.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { useReferrals } from '../api/referrals.ts';
import { RecordReferralDialog, ReferralChangeDialog, SERVICE_LABELS } from './referral-dialogs.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    overflowWrap: 'anywhere',
  },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground2 },
});

type Editing =
  { kind: 'new' } | { kind: 'report'; referral: ReferralView } | { kind: 'close'; referral: ReferralView };

function ReferralItem(props: { referral: ReferralView; onChange: (kind: 'report' | 'close') => void }) {
  const styles = useStyles();
  const r = props.referral;
  const service = SERVICE_LABELS[r.service];
  return (
    <li className={styles.item}>
      <Text weight="semibold">
        {service}{' '}
        {r.overdue && (
          <Badge color="danger" appearance="filled">
            Response overdue
          </Badge>
        )}
      </Text>
      <Caption1>
        Sent {longDate(r.sentOn)}, response due {longDate(r.responseDueOn)}
        {r.closedOn ? `, closed ${longDate(r.closedOn)}` : ''}
      </Caption1>
      <Body1>{r.question}</Body1>
      {r.reports.map((report) => (
        <Caption1 key={`${report.receivedOn}-${report.title}`} className={styles.muted}>
          Report received {longDate(report.receivedOn)}: {report.title}
          {report.summary ? `. ${report.summary}` : ''}
        </Caption1>
      ))}
      {!r.closedOn && (
        <div className={styles.actions}>
          <Button
            size="small"
            aria-label={`Record a report received: ${service}`}
            onClick={() => props.onChange('report')}
          >
            Record a report received
          </Button>
          <Button size="small" aria-label={`Close: ${service}`} onClick={() => props.onChange('close')}>
            Close
          </Button>
        </div>
      )}
    </li>
  );
}

/** Referrals made about the pupil to services outside the school, overdue responses marked. */
export function ReferralsSection(props: { pupilId: string }) {
  const styles = useStyles();
  const query = useReferrals(props.pupilId);
  const [editing, setEditing] = useState<Editing | undefined>();
  const [message, setMessage] = useState<string | undefined>();
  const statusRef = useRef<HTMLParagraphElement>(null);
  const onDone = (text: string) => {
    setEditing(undefined);
    setMessage(text);
    setTimeout(() => statusRef.current?.focus(), 0);
  };
  return (
    <section className={styles.root} aria-labelledby="referrals-heading">
      <Subtitle2 as="h3" id="referrals-heading">
        Referrals
      </Subtitle2>
      <p ref={statusRef} tabIndex={-1} role="status" className={styles.muted}>
        {message}
      </p>
      {query.isPending ? (
        <LoadingLines label="Loading referrals" lines={3} />
      ) : query.isError ? (
        <QueryError error={query.error} what="Referrals" onRetry={() => query.refetch()} />
      ) : query.data.referrals.length === 0 ? (
        <Body1 className={styles.muted}>No referrals recorded.</Body1>
      ) : (
        <ul className={styles.list} aria-label="Referrals">
          {query.data.referrals.map((r) => (
            <ReferralItem key={r.id} referral={r} onChange={(kind) => setEditing({ kind, referral: r })} />
          ))}
        </ul>
      )}
      <div>
        <Button onClick={() => setEditing({ kind: 'new' })}>Record a referral</Button>
      </div>
      {editing?.kind === 'new' && (
        <RecordReferralDialog pupilId={props.pupilId} onClose={() => setEditing(undefined)} onDone={onDone} />
      )}
      {(editing?.kind === 'report' || editing?.kind === 'close') && (
        <ReferralChangeDialog
          pupilId={props.pupilId}
          referral={editing.referral}
          change={editing.kind}
          onClose={() => setEditing(undefined)}
          onDone={onDone}
        />
      )}
    </section>
  );
}
