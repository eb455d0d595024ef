import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  SpinButton,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { RetentionPupilRow } from '../../../../contract/retention.ts';
import { MIN_RETENTION_YEARS, MAX_RETENTION_YEARS } from '../../../../domain/retention.ts';
import { describeError } from '../../../components/describe-error.ts';
import { LoadingLines } from '../../../components/loading.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { longDate, plural } from '../../../components/format.ts';
import { useRetention, useRetentionHold, useRetentionRun } from '../api/retention-api.ts';
import { useSaveSettings, useSchoolSettings } from '../api/settings-api.ts';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, margin: 0, padding: 0 },
  row: {
    listStyleType: 'none',
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalM,
    paddingBlock: tokens.spacingVerticalXS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  who: { display: 'flex', flexDirection: 'column', minWidth: '12rem', flexGrow: 1 },
  muted: { color: tokens.colorNeutralForeground2 },
  inline: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalS },
  failed: { color: tokens.colorPaletteRedForeground1 },
  period: { maxWidth: '24rem' },
});

/**
 * Settings › Keeping and deleting records: the retention period (date of birth + 25 years by default, the
 * IRMS toolkit's period for SEN files), who is due for deletion or soon will be, and legal holds.
 */
export function RetentionSection() {
  return (
    <SectionCard title="Keeping and deleting records">
      <RetentionPanel />
    </SectionCard>
  );
}

function RetentionPanel() {
  const styles = useStyles();
  const retention = useRetention();
  const run = useRetentionRun();
  if (retention.isPending) return <LoadingLines label="Loading who is due for deletion" lines={3} />;
  if (retention.isError)
    return <QueryError error={retention.error} what="Retention" onRetry={() => retention.refetch()} />;
  const data = retention.data;
  return (
    <>
      <Text>
        The SEND records of a pupil who has left are kept until their date of birth + {data.years} years, then
        SENCO Hub deletes them all. A legal hold keeps them for as long as it stands: a SEND Tribunal appeal,
        a claim, or a subject access request in progress.
      </Text>
      <PeriodField years={data.years} />
      {!data.rollRead && (
        <MessageBar intent="warning">
          <MessageBarBody>
            The school’s roll could not be read, so nobody is treated as having left and nothing is deleted.
          </MessageBarBody>
        </MessageBar>
      )}
      <PupilList
        title="Due for deletion now"
        empty="Nobody’s records are due for deletion."
        rows={data.due}
        eTag={data.settingsETag}
      />
      {data.due.length > 0 && (
        <div className={styles.inline}>
          <Button appearance="primary" disabled={run.isPending} onClick={() => run.mutate()}>
            Delete these records now
          </Button>
          <Text role="status" className={run.isError ? styles.failed : styles.muted}>
            {run.isError
              ? describeError(run.error, 'The deletion').detail
              : run.data
                ? `Deleted the records of ${plural(run.data.deletedPupils, 'pupil')}.`
                : 'Otherwise they are deleted at the next daily check.'}
          </Text>
        </div>
      )}
      <PupilList
        title={`Due in the next ${data.withinDays} days`}
        empty="Nobody’s records fall due in that time."
        rows={data.upcoming}
        eTag={data.settingsETag}
      />
      <PupilList
        title="Kept by a legal hold"
        empty="No legal holds."
        rows={data.held}
        eTag={data.settingsETag}
      />
    </>
  );
}

function PeriodField(props: { years: number }) {
  const styles = useStyles();
  const settings = useSchoolSettings();
  const save = useSaveSettings();
  const [years, setYears] = useState(props.years);
  const valid = Number.isInteger(years) && years >= MIN_RETENTION_YEARS && years <= MAX_RETENTION_YEARS;
  return (
    <div className={styles.inline}>
      <Field
        className={styles.period}
        label="Years after date of birth"
        hint={`At least ${MIN_RETENTION_YEARS}, the IRMS toolkit’s period for SEN files; some local authorities advise 31 for EHC plans.`}
        validationMessage={
          valid ? undefined : `Enter a whole number from ${MIN_RETENTION_YEARS} to ${MAX_RETENTION_YEARS}.`
        }
      >
        <SpinButton
          value={years}
          min={MIN_RETENTION_YEARS}
          max={MAX_RETENTION_YEARS}
          onChange={(_e, data) => setYears(data.value ?? Number(data.displayValue))}
        />
      </Field>
      <Button
        disabled={!valid || years === props.years || !settings.data || save.isPending}
        onClick={() => {
          if (!settings.data) return;
          const current = settings.data.settings;
          save.mutate({
            settings: { ...current, retention: { ...current.retention, years } },
            eTag: settings.data.eTag,
          });
        }}
      >
        Save period
      </Button>
      <Text role="status" className={save.isError ? styles.failed : styles.muted}>
        {save.isError ? describeError(save.error, 'The period').detail : save.isSuccess ? 'Saved.' : ''}
      </Text>
    </div>
  );
}

function PupilList(props: { title: string; empty: string; rows: RetentionPupilRow[]; eTag: string }) {
  const styles = useStyles();
  return (
    <section aria-label={props.title}>
      <h3>{props.title}</h3>
      {props.rows.length === 0 ? (
        <Text className={styles.muted}>{props.empty}</Text>
      ) : (
        <ul className={styles.list}>
          {props.rows.map((row) => (
            <HoldRow key={row.pupilId} row={row} eTag={props.eTag} />
          ))}
        </ul>
      )}
    </section>
  );
}

function HoldRow(props: { row: RetentionPupilRow; eTag: string }) {
  const styles = useStyles();
  const hold = useRetentionHold();
  const [placing, setPlacing] = useState(false);
  const [reason, setReason] = useState('');
  const reasonInput = useRef<HTMLInputElement>(null);
  const placeButton = useRef<HTMLButtonElement>(null);
  const opened = useRef(false);
  // Opening the form moves the focus into it; cancelling brings it back to the button that opened it.
  useEffect(() => {
    if (placing) reasonInput.current?.focus();
    else if (opened.current) placeButton.current?.focus();
    opened.current = placing;
  }, [placing]);
  const { row } = props;
  const failed = hold.isError ? describeError(hold.error, 'The hold').detail : undefined;
  return (
    <li className={styles.row}>
      <span className={styles.who}>
        <Text weight="semibold">{row.name}</Text>
        <Text className={styles.muted}>
          Period ends {longDate(row.endsOn)}
          {row.hold
            ? ` · held since ${longDate(row.hold.since)} by ${row.hold.placedBy}: ${row.hold.reason}`
            : ''}
        </Text>
      </span>
      {row.hold ? (
        <Button
          disabled={hold.isPending}
          onClick={() => hold.mutate({ pupilId: row.pupilId, reason: null, eTag: props.eTag })}
        >
          Lift the hold
        </Button>
      ) : placing ? (
        <span className={styles.inline}>
          <Field label={`Why ${row.name}’s records must be kept`} validationMessage={failed} required>
            <Input ref={reasonInput} value={reason} onChange={(_e, data) => setReason(data.value)} />
          </Field>
          <Button
            appearance="primary"
            disabled={hold.isPending || reason.trim() === ''}
            onClick={() => hold.mutate({ pupilId: row.pupilId, reason: reason.trim(), eTag: props.eTag })}
          >
            Place the hold
          </Button>
          <Button onClick={() => setPlacing(false)}>Cancel</Button>
        </span>
      ) : (
        <Button ref={placeButton} onClick={() => setPlacing(true)}>
          Place a legal hold
        </Button>
      )}
      {row.hold && failed && (
        <Text role="alert" className={styles.failed}>
          {failed}
        </Text>
      )}
    </li>
  );
}
