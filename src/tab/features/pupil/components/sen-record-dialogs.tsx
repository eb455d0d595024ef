import { Field, Input, Radio, RadioGroup, Select } from '@fluentui/react-components';
import { useId, useState, type ReactNode } from 'react';
import { isCalendarDate, type CalendarDate } from '../../../../domain/calendar-date.ts';
import { SEN_NEED_CODES, SEN_NEEDS, type SenNeedCode } from '../../../../domain/needs.ts';
import { SEN_PROVISION_LABELS, type SenProvisionCode } from '../../../../domain/sen-status.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { ConflictNotice } from '../../../components/conflict-notice.tsx';
import { focusFirstField } from '../../../components/use-checked-save.ts';
import { longDate } from '../../../components/format.ts';
import { describeError } from '../../../components/describe-error.ts';
import { FormDialog } from '../../../components/form-dialog.tsx';
import type { PupilHistory } from '../api/get-pupil-history.ts';
import {
  fieldErrorsOf,
  senConflictOf,
  useSaveSenRecord,
  type SenRecordChange,
  type StoredSenRecord,
} from '../api/save-sen-record.ts';

const STATUS_CHOICES: { code: SenProvisionCode; label: string; hint: string }[] = [
  { code: 'K', label: 'SEN support (K)', hint: 'Support the school provides under the graduated approach' },
  { code: 'E', label: 'EHC plan (E)', hint: 'From the day the local authority issued the plan' },
  { code: 'N', label: 'No SEN (N)', hint: 'Takes the pupil off the SEN register and ends their needs' },
];

/** The SEN status and needs as someone else saved them, one line each. */
function storedSummary(stored: StoredSenRecord): string[] {
  return [
    `SEN status: ${SEN_PROVISION_LABELS[stored.senStatus]} (${stored.senStatus})`,
    `Primary need: ${stored.primaryNeed ? needLabel(stored.primaryNeed) : 'none recorded'}`,
    `Secondary need: ${stored.secondaryNeed ? needLabel(stored.secondaryNeed) : 'none'}`,
  ];
}

/**
 * The form both dialogs share: the save, its saving state and the errors by field. A 409 is the shared
 * notice, focused and in view, with what is stored now: keep my entries (the history is fetched again and the
 * next Save quotes their version) or use theirs (the history is fetched again and the entries start from it).
 */
function SenChangeDialog(props: {
  title: string;
  submitLabel: string;
  open: boolean;
  onClose: () => void;
  onSaved: (message: string) => void;
  onReload: () => Promise<unknown>;
  /** The change to send quoting this version, or undefined when an entry needs changing. */
  change: (expectedETag: string) => SenRecordChange | undefined;
  /** Their SEN status and needs into the form. */
  onUseTheirs: (stored: StoredSenRecord) => void;
  /** The id of the first control, where the keyboard goes once their version is in the form. */
  firstId: string;
  eTag: string;
  savedMessage: string;
  children: (errors: Record<string, string>) => ReactNode;
}) {
  const save = useSaveSenRecord();
  const submitId = useId();
  // The version the next save quotes: the history's, or theirs once the SENCO keeps their own entries.
  const [eTag, setETag] = useState<string>();
  const errors = fieldErrorsOf(save.error);
  const conflict = senConflictOf(save.error);
  const other =
    save.error && !conflict && Object.keys(errors).length === 0
      ? describeError(save.error, 'The change')
      : undefined;
  const close = () => {
    save.reset();
    setETag(undefined);
    props.onClose();
  };
  const answered = (focus: () => void) =>
    void props.onReload().then(() => {
      save.reset();
      requestAnimationFrame(focus);
    });
  const current = conflict?.current;
  return (
    <FormDialog
      open={props.open}
      title={props.title}
      submitLabel={props.submitLabel}
      submitId={submitId}
      pendingLabel="Saving…"
      pending={save.isPending}
      canSubmit={conflict === undefined}
      noValidate
      onClose={close}
      failure={other ? `Not saved. ${other.detail}` : undefined}
      onSubmit={() => {
        const change = props.change(eTag ?? props.eTag);
        if (!change) return;
        save.mutate(change, {
          onSuccess: () => {
            save.reset();
            setETag(undefined);
            props.onClose();
            props.onSaved(props.savedMessage);
          },
        });
      }}
    >
      {props.children(errors)}
      {conflict && (
        <ConflictNotice
          subject="this pupil’s SEN status or needs"
          changedBy={conflict.changedBy}
          changedAt={conflict.changedAt}
          summaryLabel="The SEN status and needs as they saved them"
          summary={current ? storedSummary(current.value) : []}
          onKeepMine={() => {
            if (current) setETag(current.eTag);
            answered(() => document.getElementById(submitId)?.focus());
          }}
          onUseTheirs={
            current
              ? () => {
                  setETag(undefined);
                  props.onUseTheirs(current.value);
                  answered(() => focusFirstField([props.firstId]));
                }
              : undefined
          }
        />
      )}
    </FormDialog>
  );
}

function FromDate(props: { value: string; onChange: (value: string) => void; error: string | undefined }) {
  const { me } = useApiSession();
  const local =
    props.value === '' || !isCalendarDate(props.value)
      ? 'Enter the date the change takes effect'
      : props.value > me.today
        ? 'From date cannot be in the future'
        : undefined;
  return (
    <Field
      label="From"
      required
      hint="The day the change takes effect. It must come after the last change."
      validationMessage={props.error ?? local}
    >
      <Input type="date" value={props.value} max={me.today} onChange={(_e, d) => props.onChange(d.value)} />
    </Field>
  );
}

/** Puts the pupil on SEN support, records an EHC plan, or takes them off the register, from a day. */
export function ChangeSenStatusDialog(props: {
  history: PupilHistory;
  open: boolean;
  onClose: () => void;
  onSaved: (message: string) => void;
  onReload: () => Promise<unknown>;
}) {
  const { me } = useApiSession();
  const current = props.history.senStatus;
  // Nothing is chosen until the SENCO chooses: one click on Save must never change a pupil's status.
  const [code, setCode] = useState<SenProvisionCode | ''>('');
  const [from, setFrom] = useState<string>(me.today);
  const [tried, setTried] = useState(false);
  const firstId = useId();
  return (
    <SenChangeDialog
      title="Change SEN status"
      eTag={props.history.eTag}
      firstId={firstId}
      onUseTheirs={() => {
        // Their status may be the one chosen: the SENCO chooses again, from what is stored now.
        setCode('');
        setTried(false);
      }}
      submitLabel="Save status"
      open={props.open}
      onClose={props.onClose}
      onSaved={props.onSaved}
      onReload={props.onReload}
      savedMessage={
        code === ''
          ? ''
          : `SEN status recorded: ${SEN_PROVISION_LABELS[code]} from ${longDate(from as CalendarDate)}.`
      }
      change={(expectedETag) => {
        setTried(true);
        if (code === '' || !isCalendarDate(from) || from > me.today) return undefined;
        return {
          kind: 'sen-status',
          pupilId: props.history.pupilId,
          expectedETag,
          change: { code, from: from },
        };
      }}
    >
      {(errors) => (
        <>
          <Field
            label="New SEN status"
            required
            hint={`Now: ${SEN_PROVISION_LABELS[current]} (${current})`}
            validationMessage={
              errors['code'] ?? (tried && code === '' ? 'Choose the new SEN status' : undefined)
            }
          >
            <RadioGroup id={firstId} value={code} onChange={(_e, d) => setCode(d.value as SenProvisionCode)}>
              {STATUS_CHOICES.map((c) => (
                <Radio
                  key={c.code}
                  value={c.code}
                  disabled={c.code === current}
                  label={`${c.label}${c.code === current ? ' – current' : ''}: ${c.hint}`}
                />
              ))}
            </RadioGroup>
          </Field>
          <FromDate value={from} onChange={setFrom} error={errors['from']} />
        </>
      )}
    </SenChangeDialog>
  );
}

const needLabel = (code: SenNeedCode) => `${SEN_NEEDS[code].description} (${code})`;

/**
 * The day the pupil's current time on the register began. A first primary need starts then by default: the
 * census expects a primary need for the whole time a pupil is on SEN support or has an EHC plan.
 */
function joinedRegisterOn(history: PupilHistory): CalendarDate | undefined {
  return history.senProvision.filter((p) => p.endOn === null && p.code !== 'N').at(-1)?.startOn;
}

/** On the SEN register with no primary need: the school census flags it, so the SENCO is asked to record one. */
export function lacksPrimaryNeed(history: PupilHistory): boolean {
  return history.senStatus !== 'N' && history.primaryNeed === null;
}

/** Records the pupil's primary need and secondary need (or none) from a day. */
export function RecordNeedsDialog(props: {
  history: PupilHistory;
  open: boolean;
  onClose: () => void;
  onSaved: (message: string) => void;
  onReload: () => Promise<unknown>;
}) {
  const { me } = useApiSession();
  const [primary, setPrimary] = useState<SenNeedCode | ''>(props.history.primaryNeed ?? '');
  const [secondary, setSecondary] = useState<SenNeedCode | ''>(props.history.secondaryNeed ?? '');
  const [from, setFrom] = useState<string>(
    props.history.primaryNeed === null ? (joinedRegisterOn(props.history) ?? me.today) : me.today,
  );
  const [tried, setTried] = useState(false);
  const firstId = useId();
  return (
    <SenChangeDialog
      title="Record need"
      eTag={props.history.eTag}
      firstId={firstId}
      onUseTheirs={(stored) => {
        setPrimary(stored.primaryNeed ?? '');
        setSecondary(stored.secondaryNeed ?? '');
      }}
      submitLabel="Save needs"
      open={props.open}
      onClose={props.onClose}
      onSaved={props.onSaved}
      onReload={props.onReload}
      savedMessage={`Needs recorded from ${longDate(from as CalendarDate)}: ${primary ? needLabel(primary) : ''} as the primary need${secondary ? `, ${needLabel(secondary)} as the secondary need` : ''}.`}
      change={(expectedETag) => {
        setTried(true);
        if (!primary || !isCalendarDate(from) || from > me.today) return undefined;
        return {
          kind: 'needs',
          pupilId: props.history.pupilId,
          expectedETag,
          change: { primaryNeed: primary, secondaryNeed: secondary || null, from: from },
        };
      }}
    >
      {(errors) => (
        <>
          <Field
            label="Primary need"
            required
            hint="The census type of need that most affects the pupil’s learning"
            validationMessage={
              errors['primaryNeed'] ?? (tried && !primary ? 'Choose the primary need' : undefined)
            }
          >
            <Select
              id={firstId}
              value={primary}
              onChange={(_e, d) => {
                const code = d.value as SenNeedCode | '';
                setPrimary(code);
                // Promoting the secondary need to primary leaves no secondary need, rather than the same twice.
                if (code !== '' && code === secondary) setSecondary('');
              }}
            >
              <option value="" disabled>
                Choose a need
              </option>
              {SEN_NEED_CODES.map((code) => (
                <option key={code} value={code}>
                  {needLabel(code)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Secondary need" validationMessage={errors['secondaryNeed']}>
            <Select value={secondary} onChange={(_e, d) => setSecondary(d.value as SenNeedCode | '')}>
              <option value="">None</option>
              {SEN_NEED_CODES.map((code) => (
                <option key={code} value={code}>
                  {needLabel(code)}
                </option>
              ))}
            </Select>
          </Field>
          <FromDate value={from} onChange={setFrom} error={errors['from']} />
        </>
      )}
    </SenChangeDialog>
  );
}
