import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isCalendarDate } from '../../../../domain/calendar-date.ts';
import type { InterventionPupil } from '../../../../domain/intervention.schema.ts';
import { describeError } from '../../../components/describe-error.ts';
import { FormDialog } from '../../../components/form-dialog.tsx';
import { dateTime, longDate } from '../../../components/format.ts';
import { useUndo } from '../../../components/undo.tsx';
import type { FullIntervention } from '../../../../domain/provision-views.ts';
import { provisionKeys } from '../api/keys.ts';
import { measuresConflictOf, useRecordMeasures, type MeasuresConflict } from '../api/record-measures.ts';

const toNumber = (text: string): number | undefined | 'invalid' => {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : 'invalid';
};

const figures = (p: InterventionPupil | undefined) =>
  [
    `entry ${p?.entryMeasure ?? 'not recorded'}`,
    `exit ${p?.exitMeasure ?? 'not recorded'}`,
    p?.leftOn ? `left ${longDate(p.leftOn)}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');

/**
 * Entry and exit measures (and leaving date) for one pupil in an intervention. A save that meets someone
 * else's newer figures says who changed them and when, and lets the SENCO load theirs or keep their own.
 */
export function MeasuresDialog(props: {
  intervention: FullIntervention;
  pupil: InterventionPupil;
  pupilName: string;
  open: boolean;
  onClose: () => void;
}) {
  const { offerUndo } = useUndo();
  const queryClient = useQueryClient();
  const save = useRecordMeasures();
  const { intervention, pupil } = props;
  const [entry, setEntry] = useState(pupil.entryMeasure?.toString() ?? '');
  const [exit, setExit] = useState(pupil.exitMeasure?.toString() ?? '');
  const [leftOn, setLeftOn] = useState<string>(pupil.leftOn ?? '');
  const [eTag, setETag] = useState(intervention.pupilETags[pupil.pupilId] ?? '');
  const [conflict, setConflict] = useState<MeasuresConflict | undefined>(undefined);
  const entryValue = toNumber(entry);
  const exitValue = toNumber(exit);
  const leftValid = leftOn === '' || isCalendarDate(leftOn);
  const valid = entryValue !== 'invalid' && exitValue !== 'invalid' && leftValid;
  const measure = intervention.measure?.name ?? 'Score';
  const failure =
    save.error && !measuresConflictOf(save.error) ? describeError(save.error, 'The measures') : undefined;

  const loadTheirs = (theirs: MeasuresConflict) => {
    const current = theirs.current;
    setEntry(current?.value.entryMeasure?.toString() ?? '');
    setExit(current?.value.exitMeasure?.toString() ?? '');
    setLeftOn(current?.value.leftOn ?? '');
    if (current) setETag(current.eTag);
    setConflict(undefined);
    save.reset();
    void queryClient.invalidateQueries({ queryKey: provisionKeys.interventions });
  };

  const submit = (expectedETag: string) => {
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
        expectedETag,
      },
      {
        onError: (error) => setConflict(measuresConflictOf(error)),
        onSuccess: (answer) => {
          props.onClose();
          offerUndo({
            message: `Measures recorded for ${props.pupilName} in ${intervention.name}.`,
            // mutateAsync, not mutate with callbacks: the dialog has closed, and mutate's own callbacks
            // do not run once the component that called it is gone.
            undo: async () => {
              await save.mutateAsync({
                interventionId: intervention.id,
                pupilId: pupil.pupilId,
                ...before,
                expectedETag: answer.intervention.pupilETags[pupil.pupilId] ?? expectedETag,
              });
            },
          });
        },
      },
    );
  };

  return (
    <FormDialog
      open={props.open}
      title={`${props.pupilName}: ${intervention.name}`}
      submitLabel="Save measures"
      pending={save.isPending}
      canSubmit={valid}
      onClose={props.onClose}
      failure={failure ? `Not saved. ${failure.detail}` : undefined}
      onSubmit={() => submit(eTag)}
    >
      <Field
        label={`${measure} at entry`}
        hint="At the start of the intervention."
        validationMessage={entryValue === 'invalid' ? 'Enter a number, or leave it empty' : undefined}
      >
        <Input inputMode="decimal" value={entry} onChange={(_e, d) => setEntry(d.value)} />
      </Field>
      <Field
        label={`${measure} at exit`}
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
      {conflict && (
        <MessageBar intent="warning" layout="multiline" role="alert">
          <MessageBarBody>
            <MessageBarTitle>
              Changed by {conflict.changedBy ?? 'someone else'} on {dateTime(conflict.changedAt)}
            </MessageBarTitle>
            They recorded {figures(conflict.current?.value)}. Your figures are still here and were not saved.
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => loadTheirs(conflict)}>Load their figures</Button>
            {conflict.current && (
              <Button
                appearance="primary"
                disabled={!valid || save.isPending}
                onClick={() => submit(conflict.current!.eTag)}
              >
                Save mine instead
              </Button>
            )}
          </MessageBarActions>
        </MessageBar>
      )}
    </FormDialog>
  );
}
