import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Spinner,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { isCalendarDate } from '../../../../domain/calendar-date.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { describeError } from '../../../components/describe-error.ts';
import { useRecordSession } from '../api/record-session.ts';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  pupils: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    border: 'none',
    margin: 0,
    padding: 0,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: 0, marginBottom: tokens.spacingVerticalXS },
});

type Mark = 'attended' | 'absent' | 'not-expected';

/** Records one session of an intervention: the date, who attended and who was absent, and a note. */
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
    <Dialog open={props.open} onOpenChange={(_e, data) => !data.open && props.onClose()}>
      <DialogSurface>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!valid) return;
            record.mutate(
              {
                interventionId: props.interventionId,
                date,
                attendedPupilIds: attended,
                absentPupilIds: absent,
                note,
              },
              {
                onSuccess: () => {
                  props.onClose();
                  props.onRecorded(
                    `Session on ${date} recorded for ${props.interventionName}: ${attended.length} attended, ${absent.length} absent.`,
                  );
                },
              },
            );
          }}
        >
          <DialogBody>
            <DialogTitle>Record a session: {props.interventionName}</DialogTitle>
            <DialogContent className={styles.form}>
              <Field
                label="Date"
                required
                validationMessage={dateOk ? undefined : 'Enter today or an earlier date'}
              >
                <Input type="date" value={date} max={me.today} onChange={(_e, d) => setDate(d.value)} />
              </Field>
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
              {failure && (
                <MessageBar intent="error" role="alert" layout="multiline">
                  <MessageBarBody>Not recorded. {failure.detail}</MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions>
              <Button onClick={props.onClose}>Cancel</Button>
              <Button
                appearance="primary"
                type="submit"
                disabled={!valid || record.isPending}
                icon={record.isPending ? <Spinner size="tiny" /> : undefined}
              >
                Record session
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
