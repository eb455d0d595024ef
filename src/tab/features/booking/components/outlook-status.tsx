import {
  Button,
  Caption1,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import type { NoticedOutlookChange } from '../../../../contract/bookings.ts';
import { RouteLink } from '../../../app/route-link.tsx';
import { dateTime, longDate } from '../../../components/format.ts';
import { useCheckOutlookNow, useOutlookStatus } from '../api/bookings.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground2 },
});

/**
 * On the home view: meetings the signed-in person booked that were moved or cancelled in Outlook and brought
 * into line by the periodic check, with any rule the new date breaks; and, when Outlook could not be checked,
 * since when and a way to check now — never a silent gap. Nothing for someone who booked nothing.
 */
export function OutlookStatus(props: { enabled: boolean }) {
  const styles = useStyles();
  const status = useOutlookStatus(props.enabled);
  const checkNow = useCheckOutlookNow();
  const answer = status.data;
  // Opening SENCO Hub re-checks: with no token held for them, the signed-in person's own sign-in lets the
  // server read their Outlook now (and on its own again after). Once per visit, not in a loop.
  const tried = useRef(false);
  const noToken = answer?.problem?.kind === 'no-token';
  useEffect(() => {
    if (!noToken || tried.current) return;
    tried.current = true;
    checkNow.mutate();
  }, [noToken, checkNow]);
  if (!answer || (answer.organised === 0 && answer.changes.length === 0)) return null;
  return (
    <div className={styles.root}>
      {answer.notCheckedSince && (
        <MessageBar intent="warning" layout="multiline" role="status">
          <MessageBarBody>
            <MessageBarTitle>
              Outlook not checked since {dateTime(answer.notCheckedSince)}
            </MessageBarTitle>
            {answer.problem?.message ?? 'SENCO Hub has not read your Outlook since it started.'} Meetings you
            moved or cancelled in Outlook since then may not show here yet.{' '}
            {checkNow.isError
              ? 'Checking failed: try again in a minute.'
              : 'Open SENCO Hub’s pupil pages or check now to re-check.'}
          </MessageBarBody>
          <MessageBarActions>
            <Button
              appearance="primary"
              size="small"
              disabled={checkNow.isPending}
              onClick={() => checkNow.mutate()}
            >
              {checkNow.isPending ? 'Checking Outlook…' : 'Check Outlook now'}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {answer.changes.map((change) => (
        <ChangeNotice key={`${change.meetingId}-${change.at}`} change={change} />
      ))}
      {!answer.notCheckedSince && answer.checkedAt && (
        <Caption1 className={styles.muted}>
          Meetings you booked were last checked against your Outlook on {dateTime(answer.checkedAt)}.
        </Caption1>
      )}
    </div>
  );
}

function ChangeNotice(props: { change: NoticedOutlookChange }) {
  const { change } = props;
  const what = change.meeting.kind === 'multi-agency' ? 'meeting' : 'review meeting';
  return (
    <MessageBar
      intent={change.kind === 'cancelled' || change.warnings.length ? 'warning' : 'info'}
      layout="multiline"
    >
      <MessageBarBody>
        <MessageBarTitle>
          <RouteLink to={{ name: 'pupil', pupilId: change.pupilId, section: 'ehc-plan' }}>
            {change.pupilName}
          </RouteLink>
          {change.kind === 'cancelled'
            ? `: ${what} on ${longDate(change.meeting.on)} cancelled in Outlook`
            : `: ${what} moved in Outlook from ${longDate(change.from)} to ${longDate(change.meeting.on)}`}
        </MessageBarTitle>
        {change.kind === 'cancelled'
          ? 'The review is back on the list to book.'
          : 'The timeline has been worked out again from the new date.'}
        {change.warnings.map((w) => ` ${w.message}`).join('')}
      </MessageBarBody>
    </MessageBar>
  );
}
