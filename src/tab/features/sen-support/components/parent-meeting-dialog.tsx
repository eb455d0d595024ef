import { Field, Input, Textarea } from '@fluentui/react-components';
import { parentMeetingBody, type FullSenSupportPlanAnswer } from '../../../../contract/sen-support-plans.ts';
import { SEN_SUPPORT_PLAN_WORDING as W } from '../../../../domain/sen-support-plan-wording.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { useSessionDraft } from '../../../components/use-session-draft.ts';
import { schemaErrorsOf } from '../api/sen-support-plan.ts';
import { lines, MeetingFields, opt, PlanDialog, type PlanDialogProps } from './plan-dialog.tsx';

type MeetingEntries = { on: string; attendees: string; agreed: string; notes: string };

/** A meeting with the parents outside a review: one of the three a year the plan asks for. */
export function ParentMeetingDialog(props: PlanDialogProps & { answer: FullSenSupportPlanAnswer }) {
  const { me } = useApiSession();
  const draft = useSessionDraft<MeetingEntries>(`sencohub.parentMeeting.${props.pupilId}`, () => ({
    on: me.today,
    attendees: '',
    agreed: '',
    notes: '',
  }));
  const v = draft.value;
  const set = (patch: Partial<MeetingEntries>) => draft.update({ ...v, ...patch });
  return (
    <PlanDialog
      title="Record a meeting with the parents"
      submitLabel="Save the meeting"
      open={props.open}
      onClose={props.onClose}
      onDone={props.onDone}
      savedMessage="Parent meeting saved."
      onSaved={draft.discard}
      reload={props.reload}
      build={() => {
        const parsed = parentMeetingBody.safeParse({
          on: v.on,
          attendees: lines(v.attendees),
          agreed: v.agreed,
          notes: opt(v.notes),
          expectedETag: props.answer.eTag ?? undefined,
        });
        return parsed.success
          ? { request: { kind: 'parent-meeting', pupilId: props.pupilId, body: parsed.data } }
          : { errors: schemaErrorsOf(parsed.error) };
      }}
    >
      {(errors) => (
        <>
          <Field label="Meeting date" required validationMessage={errors['on']}>
            <Input type="date" value={v.on} max={me.today} onChange={(_e, d) => set({ on: d.value })} />
          </Field>
          <MeetingFields attendees={v.attendees} agreed={v.agreed} onChange={set} errors={errors} at="" />
          <Field label={W.meeting.notes} validationMessage={errors['notes']}>
            <Textarea value={v.notes} onChange={(_e, d) => set({ notes: d.value })} />
          </Field>
        </>
      )}
    </PlanDialog>
  );
}
