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
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { isCalendarDate } from '../../../../domain/calendar-date.ts';
import type { InterventionPupil } from '../../../../domain/intervention.schema.ts';
import { describeError } from '../../../components/describe-error.ts';
import { useUndo } from '../../../components/undo.tsx';
import type { FullIntervention } from '../api/get-interventions.ts';
import { useRecordMeasures } from '../api/record-measures.ts';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

const toNumber = (text: string): number | undefined | 'invalid' => {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : 'invalid';
};

/** Entry and exit measures (and leaving date) for one pupil in an intervention. */
export function MeasuresDialog(props: {
  intervention: FullIntervention;
  pupil: InterventionPupil;
  pupilName: string;
  open: boolean;
  onClose: () => void;
}) {
  const styles = useStyles();
  const { offerUndo } = useUndo();
  const save = useRecordMeasures();
  const { intervention, pupil } = props;
  const [entry, setEntry] = useState(pupil.entryMeasure?.toString() ?? '');
  const [exit, setExit] = useState(pupil.exitMeasure?.toString() ?? '');
  const [leftOn, setLeftOn] = useState<string>(pupil.leftOn ?? '');
  const entryValue = toNumber(entry);
  const exitValue = toNumber(exit);
  const leftValid = leftOn === '' || isCalendarDate(leftOn);
  const valid = entryValue !== 'invalid' && exitValue !== 'invalid' && leftValid;
  const measure = intervention.measure?.name ?? 'score';
  const failure = save.error ? describeError(save.error, 'The measures') : undefined;

  const submit = () => {
    if (!valid) return;
    const before = {
      entryMeasure: pupil.entryMeasure,
      exitMeasure: pupil.exitMeasure,
      leftOn: pupil.leftOn,
    };
    save.mutate(
      {
        interventionId: intervention.id,
        pupilId: pupil.pupilId,
        entryMeasure: entryValue,
        exitMeasure: exitValue,
        leftOn: leftOn === '' ? undefined : leftOn,
        expectedETag: intervention.eTag,
      },
      {
        onSuccess: (answer) => {
          props.onClose();
          offerUndo({
            message: `Measures recorded for ${props.pupilName} in ${intervention.name}.`,
            undo: () =>
              new Promise<void>((resolve, reject) =>
                save.mutate(
                  {
                    interventionId: intervention.id,
                    pupilId: pupil.pupilId,
                    ...before,
                    expectedETag: answer?.intervention.eTag ?? intervention.eTag,
                  },
                  { onSuccess: () => resolve(), onError: reject },
                ),
              ),
          });
        },
      },
    );
  };

  return (
    <Dialog open={props.open} onOpenChange={(_e, data) => !data.open && props.onClose()}>
      <DialogSurface>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <DialogBody>
            <DialogTitle>
              {props.pupilName}: {intervention.name}
            </DialogTitle>
            <DialogContent className={styles.form}>
              <Field
                label={`Entry ${measure}`}
                hint="At the start of the intervention."
                validationMessage={entryValue === 'invalid' ? 'Enter a number, or leave it empty' : undefined}
              >
                <Input inputMode="decimal" value={entry} onChange={(_e, d) => setEntry(d.value)} />
              </Field>
              <Field
                label={`Exit ${measure}`}
                hint={
                  intervention.measure?.higherIsBetter === false
                    ? 'At the end. Lower is better for this measure.'
                    : 'At the end. Higher is better for this measure.'
                }
                validationMessage={exitValue === 'invalid' ? 'Enter a number, or leave it empty' : undefined}
              >
                <Input inputMode="decimal" value={exit} onChange={(_e, d) => setExit(d.value)} />
              </Field>
              <Field
                label="Left the intervention on"
                hint="Leave empty while the pupil is still in it."
                validationMessage={leftValid ? undefined : 'Enter a real date'}
              >
                <Input type="date" value={leftOn} onChange={(_e, d) => setLeftOn(d.value)} />
              </Field>
              {failure && (
                <MessageBar intent="error" role="alert" layout="multiline">
                  <MessageBarBody>Not saved. {failure.detail}</MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions>
              <Button onClick={props.onClose}>Cancel</Button>
              <Button
                appearance="primary"
                type="submit"
                disabled={!valid || save.isPending}
                icon={save.isPending ? <Spinner size="tiny" /> : undefined}
              >
                Save measures
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
