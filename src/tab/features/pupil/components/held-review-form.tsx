import { Body1, Button, Field, Input, Radio, RadioGroup, Select, Textarea } from '@fluentui/react-components';
import { useEffect } from 'react';
import { RECORDED_REVIEW_KINDS, recordReviewBody } from '../../../../contract/ehc-plans.ts';
import type { CalendarDate } from '../../../../domain/calendar-date.ts';
import { INVITEE_ROLES, type InviteeRole } from '../../../../domain/review.schema.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { useFormStyles } from '../../../components/form-styles.ts';
import { longDate } from '../../../components/format.ts';
import { PageForm } from '../../../components/page-form.tsx';
import { errorsByField, useCheckedSave } from '../../../components/use-checked-save.ts';
import { useSessionDraft } from '../../../components/use-session-draft.ts';
import { useRecordHeldReview } from '../api/record-held-review.ts';
import { INVITEE_ROLE_LABELS } from './review-advice-editor.tsx';

type Kind = (typeof RECORDED_REVIEW_KINDS)[number];
const KIND_LABELS: Record<Kind, string> = {
  annual: 'Annual review',
  interim: 'Interim review',
  'phase-transfer': 'Phase-transfer review',
};

type Attendee = { name: string; role: InviteeRole };
/** `id`: the review record's id, chosen when the form opens (kept with the draft), so sending again records one. */
type Entries = { id: string; kind: Kind; heldOn: string; attendees: Attendee[]; notes: string };

export const heldReviewFieldId = (path: string) => `held-review-${path.replace(/\./g, '-')}`;
export const heldReviewDraftKey = (pupilId: string) => `sencohub.heldReview.${pupilId}`;

/**
 * A review meeting held without a booking in SENCO Hub (the LA arranged it, or it was held before the school
 * used SENCO Hub): the day it was held and who came, so the timeline counts from it and the review trail
 * (report to the LA within 2 weeks, SEND Regulations 2014 reg 20(7),
 * https://www.legislation.gov.uk/uksi/2014/1530/regulation/20) can go on. Unsaved entries are kept in this
 * browser tab until saved or cancelled.
 */
export function HeldReviewForm(props: {
  pupilId: string;
  /** The review the statutory clock wants by this date, to say so. */
  dueBy: CalendarDate | undefined;
  onDone: (message: string | undefined) => void;
}) {
  const styles = useFormStyles();
  const { me } = useApiSession();
  const save = useRecordHeldReview();
  const draft = useSessionDraft<Entries>(heldReviewDraftKey(props.pupilId), () => ({
    id: crypto.randomUUID(),
    kind: 'annual',
    heldOn: '',
    attendees: [
      { name: '', role: 'parent-or-young-person' },
      { name: me.displayName, role: 'senco' },
    ],
    notes: '',
  }));
  const v = draft.value;
  const set = (patch: Partial<Entries>) => draft.update({ ...v, ...patch });
  const setAttendee = (i: number, patch: Partial<Attendee>) =>
    set({ attendees: v.attendees.map((a, j) => (j === i ? { ...a, ...patch } : a)) });
  const shownAt = (path: string) => (path === 'meetingOn' ? 'heldOn' : path);
  const { errors, other, submit } = useCheckedSave({
    save,
    what: 'The review',
    idOf: heldReviewFieldId,
    conflicted: false,
    shownAt,
  });
  useEffect(() => document.getElementById(heldReviewFieldId('heldOn'))?.focus(), []);

  const check = () => {
    const heldOn = v.heldOn.trim() === '' ? undefined : v.heldOn;
    const parsed = recordReviewBody.safeParse({
      // A draft kept from before review ids were chosen here has none: the server then chooses one.
      ...(v.id ? { id: v.id } : {}),
      kind: v.kind,
      meetingOn: heldOn,
      heldOn,
      attendees: v.attendees.filter((a) => a.name.trim() !== ''),
      notes: v.notes.trim() === '' ? undefined : v.notes,
    });
    return parsed.success
      ? { success: true as const, write: { pupilId: props.pupilId, body: parsed.data } }
      : { success: false as const, errors: errorsByField(parsed.error.issues, shownAt) };
  };

  return (
    <PageForm
      label="Record a review held without a booking"
      restored={draft.restored}
      failure={other?.detail}
      conflict={undefined}
      saveId={heldReviewFieldId('save')}
      saveLabel="Record the review"
      pending={save.isPending}
      onSubmit={() =>
        submit(check(), (answer) => {
          draft.discard();
          props.onDone(
            `${KIND_LABELS[v.kind]} held on ${longDate(answer.review.heldOn)} recorded. Record its trail next: the report to the LA is due within 2 weeks.`,
          );
        })
      }
      onCancel={() => {
        draft.discard();
        props.onDone(undefined);
      }}
    >
      {props.dueBy && (
        <Body1>
          The annual review {props.dueBy < me.today ? 'was' : 'is'} due by {longDate(props.dueBy)}.
        </Body1>
      )}
      <Field label="Held on" required validationMessage={errors['heldOn']}>
        <Input
          id={heldReviewFieldId('heldOn')}
          type="date"
          max={me.today}
          value={v.heldOn}
          onChange={(_e, d) => set({ heldOn: d.value })}
        />
      </Field>
      <Field label="Kind of review" validationMessage={errors['kind']}>
        <RadioGroup
          id={heldReviewFieldId('kind')}
          value={v.kind}
          layout="horizontal"
          onChange={(_e, d) => set({ kind: d.value as Kind })}
        >
          {RECORDED_REVIEW_KINDS.map((k) => (
            <Radio key={k} value={k} label={KIND_LABELS[k]} />
          ))}
        </RadioGroup>
      </Field>
      <fieldset className={styles.fieldset}>
        <legend>Who attended</legend>
        {v.attendees.length === 0 && <span>No one listed yet.</span>}
        {v.attendees.map((a, i) => (
          <div key={i} className={styles.row} role="group" aria-label={`Attendee ${i + 1}`}>
            <Field label={`Attendee ${i + 1}`} validationMessage={errors[`attendees.${i}.name`]}>
              <Input
                id={heldReviewFieldId(`attendees.${i}.name`)}
                value={a.name}
                onChange={(_e, d) => setAttendee(i, { name: d.value })}
              />
            </Field>
            <Field label="Role" validationMessage={errors[`attendees.${i}.role`]}>
              <Select
                className={styles.select}
                value={a.role}
                onChange={(_e, d) => setAttendee(i, { role: d.value as InviteeRole })}
              >
                {INVITEE_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {INVITEE_ROLE_LABELS[r]}
                  </option>
                ))}
              </Select>
            </Field>
            <Button
              aria-label={`Remove attendee ${i + 1}${a.name ? ` (${a.name})` : ''}`}
              onClick={() => {
                set({ attendees: v.attendees.filter((_x, j) => j !== i) });
                requestAnimationFrame(() => document.getElementById(heldReviewFieldId('add'))?.focus());
              }}
            >
              Remove
            </Button>
          </div>
        ))}
        <div>
          <Button
            id={heldReviewFieldId('add')}
            onClick={() => {
              const at = v.attendees.length;
              set({ attendees: [...v.attendees, { name: '', role: 'other' }] });
              requestAnimationFrame(() =>
                document.getElementById(heldReviewFieldId(`attendees.${at}.name`))?.focus(),
              );
            }}
          >
            Add someone who attended
          </Button>
        </div>
      </fieldset>
      <Field label="Notes" validationMessage={errors['notes']}>
        <Textarea
          id={heldReviewFieldId('notes')}
          resize="vertical"
          value={v.notes}
          onChange={(_e, d) => set({ notes: d.value })}
        />
      </Field>
    </PageForm>
  );
}
