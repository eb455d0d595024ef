import {
  Field,
  Input,
  Radio,
  RadioGroup,
  Select,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { isCalendarDate } from '../../../../domain/calendar-date.ts';
import { MAX_SESSIONS_A_DAY } from '../../../../domain/intervention-session.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { describeError } from '../../../components/describe-error.ts';
import { longDate } from '../../../components/format.ts';
import { FormDialog } from '../../../components/form-dialog.tsx';
import { useRecordSession } from '../api/record-session.ts';

const useStyles = makeStyles({
  pupils: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    border: 'none',
    margin: 0,
    padding: 0,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: 0, marginBottom: tokens.spacingVerticalXS },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
});

const ORDINALS = ['First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth', 'Seventh', 'Eighth'];

type Mark = 'attended' | 'absent' | 'not-expected';

/**
 * Records one session of an intervention: the date and which session of that day (one run twice a day records
 * each; the same session recorded again corrects it), who attended and who was absent, and a note.
 */
export function RecordSessionDialog(props: {
  interventionId: string;
  interventionName: string;
  pupils: { pupilId: string; displayName: string }[];
  open: boolean;
  onClose: () => void;
  onRecorded: (message: string) => void;
}) {
  const styles = useStyles();
  const { me } = useApiSession();
  const record = useRecordSession();
  const [date, setDate] = useState<string>(me.today);
  const [sessionNumber, setSessionNumber] = useState(1);
  const [marks, setMarks] = useState<Record<string, Mark>>(() =>
    Object.fromEntries(props.pupils.map((p) => [p.pupilId, 'attended'])),
  );
  const [note, setNote] = useState('');
  const attended = props.pupils.filter((p) => marks[p.pupilId] === 'attended').map((p) => p.pupilId);
  const absent = props.pupils.filter((p) => marks[p.pupilId] === 'absent').map((p) => p.pupilId);
  const dateOk = isCalendarDate(date) && date <= me.today;
  const valid = dateOk && attended.length + absent.length > 0;
  const failure = record.error ? describeError(record.error, 'The session') : undefined;

  return (
    <FormDialog
      open={props.open}
      title={`Record a session: ${props.interventionName}`}
      submitLabel="Record session"
      pending={record.isPending}
      canSubmit={valid}
      onClose={props.onClose}
      failure={failure ? `Not recorded. ${failure.detail}` : undefined}
      onSubmit={() => {
        if (!valid) return;
        record.mutate(
          {
            interventionId: props.interventionId,
            date,
            sessionNumber,
            attendedPupilIds: attended,
            absentPupilIds: absent,
            note,
          },
          {
            onSuccess: () => {
              props.onClose();
              props.onRecorded(
                `${sessionNumber > 1 ? `${ORDINALS[sessionNumber - 1]} session` : 'Session'} on ${longDate(date)} recorded for ${props.interventionName}: ${attended.length} attended, ${absent.length} absent.`,
              );
            },
          },
        );
      }}
    >
      <div className={styles.row}>
        <Field
          label="Date"
          required
          validationMessage={dateOk ? undefined : 'Enter today or an earlier date'}
        >
          <Input type="date" value={date} max={me.today} onChange={(_e, d) => setDate(d.value)} />
        </Field>
        <Field label="Session that day" hint="When it runs more than once a day">
          <Select value={String(sessionNumber)} onChange={(_e, d) => setSessionNumber(Number(d.value))}>
            {ORDINALS.slice(0, MAX_SESSIONS_A_DAY).map((label, i) => (
              <option key={label} value={String(i + 1)}>
                {i === 0 ? 'First (or only)' : label}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <fieldset className={styles.pupils}>
        <legend className={styles.legend}>Who came</legend>
        {props.pupils.map((p) => (
          <Field key={p.pupilId} label={p.displayName}>
            <RadioGroup
              layout="horizontal"
              value={marks[p.pupilId]}
              onChange={(_e, d) => setMarks((m) => ({ ...m, [p.pupilId]: d.value as Mark }))}
            >
              <Radio value="attended" label="Attended" />
              <Radio value="absent" label="Absent" />
              <Radio value="not-expected" label="Not due" />
            </RadioGroup>
          </Field>
        ))}
      </fieldset>
      <Field label="Note" hint="Optional: anything the SENCO should know.">
        <Textarea value={note} maxLength={2000} onChange={(_e, d) => setNote(d.value)} />
      </Field>
    </FormDialog>
  );
}
