import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { RECORDED_REVIEW_KINDS, recordReviewBody } from '../../../../contract/ehc-plans.ts';
import type { CalendarDate } from '../../../../domain/calendar-date.ts';
import { INVITEE_ROLES, type InviteeRole } from '../../../../domain/review.schema.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { describeError } from '../../../components/describe-error.ts';
import { longDate } from '../../../components/format.ts';
import { useSessionDraft } from '../../../components/use-session-draft.ts';
import { useRecordHeldReview } from '../api/record-held-review.ts';
import { fieldErrorsOf } from '../api/save-sen-record.ts';
import { INVITEE_ROLE_LABELS } from './review-advice-editor.tsx';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '48rem' },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  fieldset: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  select: { maxWidth: '100%', minWidth: 0 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

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
  const styles = useStyles();
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
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const errors = { ...clientErrors, ...fieldErrorsOf(save.error) };
  const other =
    save.error && Object.keys(fieldErrorsOf(save.error)).length === 0
      ? describeError(save.error, 'The review')
      : undefined;
  useEffect(() => document.getElementById(heldReviewFieldId('heldOn'))?.focus(), []);

  const focusFirst = (paths: string[]) => {
    const first = paths
      .map((p) => document.getElementById(heldReviewFieldId(p === 'meetingOn' ? 'heldOn' : p)))
      .filter((el): el is HTMLElement => el !== null)
      .sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1))[0];
    (first?.matches('input, textarea, select') ? first : first?.querySelector('input'))?.focus();
  };
  const submit = () => {
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
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const path = issue.path.map(String).join('.');
        found[path === 'meetingOn' ? 'heldOn' : path] ??= issue.message;
      }
      setClientErrors(found);
      requestAnimationFrame(() => focusFirst(Object.keys(found)));
      return;
    }
    setClientErrors({});
    save.mutateAsync({ pupilId: props.pupilId, body: parsed.data }).then(
      (answer) => {
        draft.discard();
        props.onDone(
          `${KIND_LABELS[v.kind]} held on ${longDate(answer.review.heldOn)} recorded. Record its trail next: the report to the LA is due within 2 weeks.`,
        );
      },
      (error: unknown) => requestAnimationFrame(() => focusFirst(Object.keys(fieldErrorsOf(error)))),
    );
  };

  return (
    <form
      className={styles.form}
      noValidate
      aria-label="Record a review held without a booking"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {draft.restored && (
        <MessageBar intent="info">
          <MessageBarBody>
            Your unsaved entries from earlier are back. Save them or cancel to discard them.
          </MessageBarBody>
        </MessageBar>
      )}
      {props.dueBy && <MessageBarBody>The annual review was due by {longDate(props.dueBy)}.</MessageBarBody>}
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
      {other && (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>Not saved. {other.detail}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Record the review'}
        </Button>
        <Button
          onClick={() => {
            draft.discard();
            props.onDone(undefined);
          }}
        >
          Cancel
        </Button>
      </div>
    </form>
  );
}
