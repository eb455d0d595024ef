import {
  Body1,
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Select,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { BookableKind, BookingAttendee } from '../../../../contract/bookings.ts';
import { addDays, isCalendarDate } from '../../../../domain/calendar-date.ts';
import type { MultiAgencyPurpose } from '../../../../domain/meeting.schema.ts';
import { FormDialog } from '../../../components/form-dialog.tsx';
import { longDate } from '../../../components/format.ts';
import { LoadingLines } from '../../../components/loading.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import {
  bookingFailure,
  useBookMeeting,
  useBookingCheck,
  useBookingProposal,
  useFreeTimes,
} from '../api/bookings.ts';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'end' },
  muted: { color: tokens.colorNeutralForeground2 },
  fieldset: { border: 'none', margin: 0, padding: 0, minWidth: 0 },
  legend: { fontWeight: tokens.fontWeightSemibold, marginBottom: tokens.spacingVerticalXS },
});

type Invitee = BookingAttendee & { why: string; chosen: boolean };

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * Book a review or multi-agency meeting in the signed-in SENCO's Outlook: the window the rules allow, the
 * invitees from the pupil's record, free times of the staff invited, and every warning before booking.
 * One request id per opening, so a second click or a retry after "busy" books one meeting.
 */
export function BookMeetingDialog(props: {
  pupilId: string;
  kind: BookableKind;
  open: boolean;
  onClose: () => void;
  onBooked: (message: string) => void;
}) {
  const styles = useStyles();
  const proposal = useBookingProposal(props.pupilId, props.kind, props.open);
  const [requestId] = useState(() => crypto.randomUUID());
  const [invitees, setInvitees] = useState<Invitee[] | undefined>();
  const [purpose, setPurpose] = useState<MultiAgencyPurpose | ''>('');
  const [on, setOn] = useState('');
  const [startsAt, setStartsAt] = useState('15:00');
  const [duration, setDuration] = useState('60');
  const [accepted, setAccepted] = useState(false);
  const [newName, setNewName] = useState('');
  const [newEmail, setNewEmail] = useState('');
  const [newIsStaff, setNewIsStaff] = useState(true);
  const date = isCalendarDate(on) ? on : undefined;
  const minutes = Number(duration);
  const check = useBookingCheck(props.pupilId, props.kind, date, {
    ...(/^\d{2}:\d{2}$/.test(startsAt) ? { startsAt } : {}),
    ...(Number.isInteger(minutes) && minutes >= 15 && minutes <= 240 ? { durationMinutes: minutes } : {}),
  });
  const freeTimes = useFreeTimes(props.pupilId);
  const book = useBookMeeting(props.pupilId);

  const data = proposal.data;
  const people: Invitee[] =
    invitees ?? (data?.invitees ?? []).map((i) => ({ ...i, chosen: i.email !== undefined }));
  const warnings = check.data?.warnings ?? [];
  const emailProblem = (i: Invitee) =>
    i.chosen && i.email !== undefined && i.email !== '' && !EMAIL.test(i.email);
  const chosen = people.filter((i) => i.chosen && i.email && EMAIL.test(i.email));
  const canSubmit =
    date !== undefined &&
    chosen.length > 0 &&
    !people.some(emailProblem) &&
    (props.kind === 'annual-review' || purpose !== '') &&
    (warnings.length === 0 || accepted) &&
    !check.isFetching;

  const update = (index: number, change: Partial<Invitee>) =>
    setInvitees(people.map((p, i) => (i === index ? { ...p, ...change } : p)));

  function findTimes() {
    if (!data) return;
    const from = data.window?.earliest ?? addDays(data.today, 1);
    const to = data.window && data.window.latest >= from ? data.window.latest : addDays(from, 14);
    freeTimes.mutate({
      from,
      to,
      durationMinutes: Number(duration),
      attendees: chosen.filter((i) => i.internal).map(({ why: _w, chosen: _c, ...a }) => a),
    });
  }

  function submit() {
    if (!date) return;
    book.mutate(
      {
        requestId,
        kind: props.kind,
        ...(purpose ? { purpose } : {}),
        on: date,
        startsAt,
        durationMinutes: Number(duration),
        attendees: chosen.map(({ why: _w, chosen: _c, ...a }) => a),
        acceptedWarnings: warnings.map((w) => w.code),
      },
      {
        onSuccess: (answer) =>
          props.onBooked(
            `Booked in your Outlook for ${longDate(answer.meeting.on)} at ${answer.meeting.startsAt ?? startsAt}, with a Teams link. Invitations have been sent.`,
          ),
      },
    );
  }

  const title = props.kind === 'annual-review' ? 'Book the annual review' : 'Book a multi-agency meeting';
  return (
    <FormDialog
      open={props.open}
      title={title}
      submitLabel="Book in Outlook"
      pendingLabel="Booking…"
      pending={book.isPending}
      canSubmit={canSubmit}
      onSubmit={submit}
      onClose={props.onClose}
      failure={bookingFailure(book.error)}
      noValidate
    >
      {proposal.isPending && <LoadingLines label="Working out the dates" lines={4} />}
      {proposal.isError && (
        <QueryError error={proposal.error} what="Booking" onRetry={() => proposal.refetch()} />
      )}
      {data && (
        <>
          {data.window && (
            <Body1>
              Hold the meeting between <strong>{longDate(data.window.earliest)}</strong> and{' '}
              <strong>{longDate(data.window.latest)}</strong>
              {data.window.phaseTransfer
                ? ` (${data.window.phaseTransfer.label} transfer: the amended plan is due by ${longDate(data.window.phaseTransfer.amendedBy)})`
                : ''}
              .
            </Body1>
          )}
          {props.kind === 'multi-agency' && (
            <Field label="What is the meeting for?" required>
              <Select value={purpose} onChange={(_e, d) => setPurpose(d.value as MultiAgencyPurpose | '')}>
                <option value="">Choose…</option>
                {data.purposes.map((p) => (
                  <option key={p.value} value={p.value}>
                    {p.label}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          <fieldset className={styles.fieldset}>
            <legend className={styles.legend}>Invite</legend>
            <ul className={styles.list}>
              {people.map((person, index) => (
                <li key={`${person.role}-${person.name}-${index}`}>
                  <Checkbox
                    checked={person.chosen}
                    onChange={(_e, d) => update(index, { chosen: d.checked === true })}
                    label={`${person.name} — ${person.why}`}
                  />
                  {person.chosen && !person.email && (
                    <Field
                      label={`Email for ${person.name}`}
                      validationMessage={person.chosen ? 'Add an email address to invite them' : undefined}
                    >
                      <Input type="email" onBlur={(e) => update(index, { email: e.target.value.trim() })} />
                    </Field>
                  )}
                  {emailProblem(person) && (
                    <Body1 role="alert">{`${person.email ?? ''} is not an email address`}</Body1>
                  )}
                </li>
              ))}
            </ul>
            <div className={styles.row}>
              <Field label="Name">
                <Input value={newName} onChange={(_e, d) => setNewName(d.value)} />
              </Field>
              <Field
                label="Email"
                validationMessage={newEmail && !EMAIL.test(newEmail) ? 'Not an email address' : undefined}
              >
                <Input type="email" value={newEmail} onChange={(_e, d) => setNewEmail(d.value)} />
              </Field>
              <Checkbox
                label="Member of staff"
                checked={newIsStaff}
                onChange={(_e, d) => setNewIsStaff(d.checked === true)}
              />
              <Button
                disabled={!newName.trim() || !EMAIL.test(newEmail)}
                onClick={() => {
                  setInvitees([
                    ...people,
                    {
                      name: newName.trim(),
                      email: newEmail.trim(),
                      role: newIsStaff ? 'other' : 'other-professional',
                      internal: newIsStaff,
                      why: newIsStaff ? 'staff' : 'professional',
                      chosen: true,
                    },
                  ]);
                  setNewName('');
                  setNewEmail('');
                }}
              >
                Add person
              </Button>
            </div>
          </fieldset>
          <div className={styles.row}>
            <Field label="Length">
              <Select value={duration} onChange={(_e, d) => setDuration(d.value)}>
                {['30', '45', '60', '90', '120'].map((m) => (
                  <option key={m} value={m}>{`${m} minutes`}</option>
                ))}
              </Select>
            </Field>
            <Button onClick={findTimes} disabled={freeTimes.isPending}>
              {freeTimes.isPending ? 'Looking in calendars…' : 'Find times when staff are free'}
            </Button>
          </div>
          {freeTimes.isError && <Body1 role="alert">{bookingFailure(freeTimes.error)}</Body1>}
          {freeTimes.data && (
            <RadioGroup
              aria-label="Free times"
              value={date && `${date}T${startsAt}`}
              onChange={(_e, d) => {
                setOn(d.value.slice(0, 10));
                setStartsAt(d.value.slice(11, 16));
              }}
            >
              {freeTimes.data.times.length === 0 && (
                <Body1 className={styles.muted}>
                  No time in school hours suits everyone. Choose a date below.
                </Body1>
              )}
              {freeTimes.data.times.map((t) => (
                <Radio
                  key={`${t.on}T${t.startsAt}`}
                  value={`${t.on}T${t.startsAt}`}
                  label={`${longDate(t.on)}, ${t.startsAt}–${t.endsAt}${t.warnings.length ? ' (check the warnings)' : ''}`}
                />
              ))}
            </RadioGroup>
          )}
          <div className={styles.row}>
            <Field label="Date" required>
              <Input
                type="date"
                value={on}
                onChange={(_e, d) => {
                  setOn(d.value);
                  setAccepted(false);
                }}
              />
            </Field>
            <Field label="Start time" required>
              <Input type="time" value={startsAt} onChange={(_e, d) => setStartsAt(d.value)} />
            </Field>
          </div>
          {warnings.length > 0 && (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>Before you book</MessageBarTitle>
                <ul>
                  {warnings.map((w) => (
                    <li key={w.code}>{w.message}</li>
                  ))}
                </ul>
                <Checkbox
                  checked={accepted}
                  onChange={(_e, d) => setAccepted(d.checked === true)}
                  label="Book this date anyway"
                />
              </MessageBarBody>
            </MessageBar>
          )}
          <Body1 className={styles.muted}>
            The invitation says “{data.subject}” and lists the agenda only: no needs or notes go to Outlook.
          </Body1>
        </>
      )}
    </FormDialog>
  );
}
