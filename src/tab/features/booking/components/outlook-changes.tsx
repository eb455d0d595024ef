import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { longDate } from '../../../components/format.ts';
import { useOutlookCheck } from '../api/bookings.ts';

/**
 * On opening a pupil: meetings the SENCO moved or cancelled in Outlook, now reflected here, with a warning
 * when the new date breaks a rule. Says so plainly when Outlook could not be read.
 */
export function OutlookChanges(props: { pupilId: string; enabled: boolean }) {
  const query = useOutlookCheck(props.pupilId, props.enabled);
  const answer = query.data;
  if (!answer || (answer.changes.length === 0 && !answer.problem)) return null;
  return (
    <>
      {answer.problem && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{answer.problem}</MessageBarBody>
        </MessageBar>
      )}
      {answer.changes.map((c) => (
        <MessageBar
          key={c.meetingId}
          intent={c.kind === 'cancelled' || c.warnings.length ? 'warning' : 'info'}
          layout="multiline"
        >
          <MessageBarBody>
            <MessageBarTitle>
              {c.kind === 'cancelled'
                ? `The meeting on ${longDate(c.meeting.on)} was cancelled in Outlook`
                : `The meeting was moved in Outlook from ${longDate(c.from)} to ${longDate(c.meeting.on)}`}
            </MessageBarTitle>
            {c.kind === 'cancelled'
              ? 'SENCO Hub has taken it off the timeline. Book a new date when you can.'
              : 'The timeline has been worked out again from the new date.'}
            {c.warnings.map((w) => ` ${w.message}`).join('')}
          </MessageBarBody>
        </MessageBar>
      ))}
    </>
  );
}
