import {
  Checkbox,
  Field,
  Input,
  Label,
  Text,
  Radio,
  RadioGroup,
  Select,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import {
  interventionCreateBody,
  interventionUpdateBody,
  type InterventionCreateBody,
  type InterventionUpdateBody,
} from '../../../../contract/provision.ts';
import { BROAD_AREAS_OF_NEED, BROAD_AREA_LABELS } from '../../../../domain/needs.ts';
import type { FullIntervention } from '../../../../domain/provision-views.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { describeError } from '../../../components/describe-error.ts';
import { ConflictNotice } from '../../../components/conflict-notice.tsx';
import { FormDialog } from '../../../components/form-dialog.tsx';
import { longDate } from '../../../components/format.ts';
import {
  fieldErrorsOf,
  interventionConflictOf,
  usePupilChoices,
  useSaveIntervention,
  type InterventionConflict,
} from '../api/save-intervention.ts';
import { TaPicker, type AssignedTa } from './ta-picker.tsx';

const useStyles = makeStyles({
  // Fields side by side share the width and line up at the top (a hint under one must not push the other
  // down); on a phone each takes the full width.
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalM,
    '& > *': { flex: '1 1 12rem', minWidth: 0 },
  },
  find: { marginBlock: tokens.spacingVerticalXS },
  pupils: {
    display: 'flex',
    flexDirection: 'column',
    maxHeight: '14rem',
    overflowY: 'auto',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    padding: tokens.spacingHorizontalS,
  },
});

/** A pupil's name matches what was typed in any case, with or without accents (Zoë for "zoe"). */
const plain = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLocaleLowerCase('en-GB');
const matches = (name: string, typed: string) => plain(name).includes(plain(typed.trim()));

type Draft = {
  name: string;
  areaOfNeed: string;
  delivery: string;
  sessionsPerWeek: string;
  minutesPerSession: string;
  costBasis: 'hour' | 'session';
  cost: string;
  startOn: string;
  endOn: string;
  measureName: string;
  higherIsBetter: boolean;
  staffName: string;
  staffRole: string;
  /** Staff named with their account (who record sessions and see the pupils' passports). */
  tas: AssignedTa[];
  pupilIds: string[];
};

const numberOrText = (text: string): number | string => (text.trim() === '' ? text : Number(text));

function draftOf(i: FullIntervention | undefined, today: string): Draft {
  const lead = i?.staff[0];
  return {
    name: i?.name ?? '',
    areaOfNeed: i?.areaOfNeed ?? 'cognition-and-learning',
    delivery: i?.delivery ?? 'group',
    sessionsPerWeek: i ? String(i.sessionsPerWeek) : '',
    minutesPerSession: i ? String(i.minutesPerSession) : '',
    costBasis: i?.costPerSession !== undefined ? 'session' : 'hour',
    cost: i ? String(i.costPerSession ?? i.costPerHour) : '',
    startOn: i?.startOn ?? today,
    endOn: i?.endOn ?? '',
    measureName: i?.measure?.name ?? '',
    higherIsBetter: i?.measure?.higherIsBetter ?? true,
    staffName: lead?.name ?? '',
    staffRole: lead?.role ?? 'Teaching assistant',
    tas: (i?.staff ?? []).flatMap((s) =>
      s.userId ? [{ userId: s.userId, name: s.name, role: s.role }] : [],
    ),
    pupilIds: [],
  };
}

/** The body the contract checks: the same schema the server uses, so the words of an error are the same. */
function bodyOf(d: Draft, keep: FullIntervention | undefined) {
  return {
    name: d.name,
    areaOfNeed: d.areaOfNeed,
    staff: staffOf(d, keep),
    delivery: d.delivery,
    sessionsPerWeek: numberOrText(d.sessionsPerWeek),
    minutesPerSession: numberOrText(d.minutesPerSession),
    ...(d.costBasis === 'hour'
      ? { costPerHour: numberOrText(d.cost) }
      : { costPerSession: numberOrText(d.cost) }),
    ...(keep ? { resourceCost: keep.resourceCost } : {}),
    ...(keep?.deliveryWeeks !== undefined ? { deliveryWeeks: keep.deliveryWeeks } : {}),
    startOn: d.startOn,
    ...(d.endOn ? { endOn: d.endOn } : {}),
    ...(d.measureName.trim() ? { measure: { name: d.measureName, higherIsBetter: d.higherIsBetter } } : {}),
  };
}

/**
 * Who runs it: the first named (by name) keeps their account while it is among the TAs chosen, or takes the
 * account of a chosen TA of the same name; others named by name only are kept; every other TA chosen follows.
 */
function staffOf(d: Draft, keep: FullIntervention | undefined) {
  const kept = keep?.staff[0]?.userId;
  const leadId = d.tas.some((t) => t.userId === kept)
    ? kept
    : d.tas.find((t) => plain(t.name) === plain(d.staffName.trim()))?.userId;
  return [
    { name: d.staffName, role: d.staffRole, ...(leadId ? { userId: leadId } : {}) },
    ...(keep?.staff.slice(1).filter((s) => !s.userId) ?? []),
    ...d.tas
      .filter((t) => t.userId !== leadId)
      .map((t) => ({ name: t.name, role: t.role, userId: t.userId })),
  ];
}

/** Problems by field (first path segment), in the contract's words. */
function problemsOf(result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) {
  const out: Record<string, string> = {};
  for (const issue of result.error?.issues ?? []) {
    const key = String(issue.path[0] ?? 'form');
    out[key] ??= issue.message;
  }
  return out;
}

/**
 * Adding an intervention (with its pupils) or changing one (an end date ends it). Checked with the contract's
 * schema before sending; the server's 400 is shown against the same fields. A change that meets someone
 * else's newer one shows who and when, in view and focused, with their version to load or ours to keep.
 */
export function InterventionFormDialog(props: {
  intervention?: FullIntervention;
  open: boolean;
  onClose: () => void;
  onSaved: (message: string) => void;
}) {
  const styles = useStyles();
  const { me } = useApiSession();
  const editing = props.intervention;
  const [draft, setDraft] = useState<Draft>(() => draftOf(editing, me.today));
  const [eTag, setETag] = useState(editing?.eTag ?? '');
  // One id per form opened: a retried create is stored once (the server finishes the same intervention).
  const [id] = useState(() => crypto.randomUUID());
  const [tried, setTried] = useState(false);
  const [conflict, setConflict] = useState<InterventionConflict | undefined>(undefined);
  const [find, setFind] = useState('');
  const save = useSaveIntervention();
  const choices = usePupilChoices(props.open && !editing);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const body = bodyOf(draft, editing);
  const createBody = { ...body, id, pupils: draft.pupilIds.map((pupilId) => ({ pupilId })) };
  const checked = editing
    ? interventionUpdateBody.safeParse(body)
    : interventionCreateBody.safeParse(createBody);
  const problems = { ...(tried ? problemsOf(checked) : {}), ...fieldErrorsOf(save.error) };
  const failure =
    save.error && !interventionConflictOf(save.error) && Object.keys(fieldErrorsOf(save.error)).length === 0
      ? describeError(save.error, 'The intervention')
      : undefined;

  const submit = (expectedETag: string) => {
    setTried(true);
    if (!checked.success) return;
    save.mutate(
      editing
        ? // Checked above by the contract's own schema: the body is what it says.
          { mode: 'edit', id: editing.id, body: body as unknown as InterventionUpdateBody, expectedETag }
        : { mode: 'add', body: createBody as unknown as InterventionCreateBody },
      {
        onError: (error) => setConflict(interventionConflictOf(error)),
        onSuccess: (answer) => {
          props.onClose();
          props.onSaved(
            editing
              ? `${answer.intervention.name} saved.`
              : `${answer.intervention.name} added with ${answer.intervention.pupils.length} ${answer.intervention.pupils.length === 1 ? 'pupil' : 'pupils'}.`,
          );
        },
      },
    );
  };

  const loadTheirs = (theirs: InterventionConflict) => {
    const current = theirs.current;
    if (current && editing) {
      setDraft(draftOf({ ...editing, ...current.value }, me.today));
      setETag(current.eTag);
    }
    setConflict(undefined);
    save.reset();
  };

  const message = (key: string) => problems[key];
  return (
    <FormDialog
      open={props.open}
      title={editing ? `Change ${editing.name}` : 'Add an intervention'}
      submitLabel={editing ? 'Save changes' : 'Add intervention'}
      pending={save.isPending}
      canSubmit
      noValidate
      onClose={props.onClose}
      failure={failure ? `Not saved. ${failure.detail}` : undefined}
      onSubmit={() => submit(eTag)}
    >
      <Field label="Name" required validationMessage={message('name')}>
        <Input value={draft.name} onChange={(_e, d) => set('name', d.value)} />
      </Field>
      <Field label="Area of need" validationMessage={message('areaOfNeed')}>
        <Select value={draft.areaOfNeed} onChange={(_e, d) => set('areaOfNeed', d.value)}>
          {BROAD_AREAS_OF_NEED.map((area) => (
            <option key={area} value={area}>
              {BROAD_AREA_LABELS[area]}
            </option>
          ))}
        </Select>
      </Field>
      <div className={styles.row}>
        <Field label="Run by" required validationMessage={message('staff')}>
          <Input value={draft.staffName} onChange={(_e, d) => set('staffName', d.value)} />
        </Field>
        <Field label="Their role">
          <Input value={draft.staffRole} onChange={(_e, d) => set('staffRole', d.value)} />
        </Field>
      </div>
      <TaPicker
        assigned={draft.tas}
        onAssign={(ta) =>
          setDraft((d) => ({
            ...d,
            tas: [...d.tas, ta],
            // The first TA chosen runs it, when no one is named yet.
            ...(d.staffName.trim() === '' ? { staffName: ta.name, staffRole: ta.role } : {}),
          }))
        }
        onRemove={(userId) => setDraft((d) => ({ ...d, tas: d.tas.filter((t) => t.userId !== userId) }))}
      />
      <Field label="Delivery" validationMessage={message('delivery')}>
        <RadioGroup layout="horizontal" value={draft.delivery} onChange={(_e, d) => set('delivery', d.value)}>
          <Radio value="group" label="Group" />
          <Radio value="individual" label="One to one" />
        </RadioGroup>
      </Field>
      <div className={styles.row}>
        <Field label="Sessions per week" required validationMessage={message('sessionsPerWeek')}>
          <Input
            inputMode="decimal"
            value={draft.sessionsPerWeek}
            onChange={(_e, d) => set('sessionsPerWeek', d.value)}
          />
        </Field>
        <Field label="Minutes per session" required validationMessage={message('minutesPerSession')}>
          <Input
            inputMode="numeric"
            value={draft.minutesPerSession}
            onChange={(_e, d) => set('minutesPerSession', d.value)}
          />
        </Field>
      </div>
      <Field label="Costed by">
        <RadioGroup
          layout="horizontal"
          value={draft.costBasis}
          onChange={(_e, d) => set('costBasis', d.value === 'session' ? 'session' : 'hour')}
        >
          <Radio value="hour" label="Hour of staff time" />
          <Radio value="session" label="Session" />
        </RadioGroup>
      </Field>
      <Field
        label={draft.costBasis === 'hour' ? 'Cost per hour (£)' : 'Cost per session (£)'}
        required
        validationMessage={message('costPerHour') ?? message('costPerSession')}
      >
        <Input inputMode="decimal" value={draft.cost} onChange={(_e, d) => set('cost', d.value)} />
      </Field>
      <div className={styles.row}>
        <Field label="Starts" required validationMessage={message('startOn')}>
          <Input type="date" value={draft.startOn} onChange={(_e, d) => set('startOn', d.value)} />
        </Field>
        <Field label="Ends" hint="Leave empty while it runs." validationMessage={message('endOn')}>
          <Input type="date" value={draft.endOn} onChange={(_e, d) => set('endOn', d.value)} />
        </Field>
      </div>
      <Field
        label="Entry and exit measure"
        hint="For example, reading age in months."
        validationMessage={message('measure')}
      >
        <Input value={draft.measureName} onChange={(_e, d) => set('measureName', d.value)} />
      </Field>
      {draft.measureName.trim() !== '' && (
        <Checkbox
          label="Higher is better for this measure"
          checked={draft.higherIsBetter}
          onChange={(_e, d) => set('higherIsBetter', d.checked === true)}
        />
      )}
      {!editing && (
        <div>
          <Label id={`${id}-pupils`}>
            Pupils{draft.pupilIds.length > 0 ? ` (${draft.pupilIds.length} chosen)` : ''}
          </Label>
          <Field label="Find a pupil" className={styles.find}>
            <Input type="search" value={find} onChange={(_e, d) => setFind(d.value)} />
          </Field>
          <div className={styles.pupils} role="group" aria-labelledby={`${id}-pupils`}>
            {choices.isPending
              ? 'Loading pupils…'
              : choices.isError
                ? 'The list of pupils could not be loaded.'
                : choices.data
                    .filter((p) => matches(p.name, find))
                    .map((p) => (
                      <Checkbox
                        key={p.id}
                        label={p.name}
                        checked={draft.pupilIds.includes(p.id)}
                        onChange={(_e, d) =>
                          set(
                            'pupilIds',
                            d.checked === true
                              ? [...draft.pupilIds, p.id]
                              : draft.pupilIds.filter((x) => x !== p.id),
                          )
                        }
                      />
                    ))}
          </div>
          {message('pupils') && <Text role="alert">{message('pupils')}</Text>}
        </div>
      )}
      {conflict && (
        <ConflictNotice
          subject="this intervention"
          changedBy={conflict.changedBy}
          changedAt={conflict.changedAt}
          summaryLabel="The intervention as they saved it"
          summary={conflict.current ? theirVersion(conflict.current.value) : []}
          keepLabel="Save mine instead"
          theirsLabel="Load their version"
          onKeepMine={() => {
            if (conflict.current) submit(conflict.current.eTag);
            else setConflict(undefined);
          }}
          onUseTheirs={conflict.current ? () => loadTheirs(conflict) : undefined}
        />
      )}
    </FormDialog>
  );
}

/** Their version, one line each, in the SENCO's words. */
function theirVersion(v: NonNullable<InterventionConflict['current']>['value']): string[] {
  return [
    `Name: ${v.name}`,
    `Run by: ${v.staff.map((s) => s.name).join(', ')}`,
    `${v.sessionsPerWeek} ${v.sessionsPerWeek === 1 ? 'session' : 'sessions'} a week of ${v.minutesPerSession} minutes`,
    v.endOn ? `Ends: ${longDate(v.endOn)}` : 'No end date',
  ];
}
