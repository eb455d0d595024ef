import { Field, Input, Select, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import {
  professionalCreateBody,
  referralCreateBody,
  referralUpdateBody,
  type ReferralView,
} from '../../../../contract/professionals.ts';
import { PROFESSIONS, type Profession } from '../../../../domain/professional.schema.ts';
import type { Referral } from '../../../../domain/referral.schema.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { longDate } from '../../../components/format.ts';
import { schemaErrorsOf, useAddProfessional, useSaveReferral } from '../api/referrals.ts';
import { SaveDialog } from './save-dialog.tsx';

export const SERVICE_LABELS: Record<Profession, string> = {
  'educational-psychologist': 'Educational psychology',
  'speech-and-language-therapist': 'Speech and language therapy',
  'occupational-therapist': 'Occupational therapy',
  physiotherapist: 'Physiotherapy',
  paediatrician: 'Paediatrics',
  camhs: 'CAMHS',
  'school-nurse': 'School nursing',
  'social-worker': 'Social care',
  'specialist-teacher': 'Specialist teaching',
  'sensory-support-teacher': 'Sensory support',
  'virtual-school': 'Virtual school',
  'la-sen-officer': 'Local authority SEN team',
  other: 'Other service',
  'early-help': 'Early help',
};

const opt = (text: string) => (text.trim() === '' ? undefined : text);
type Done = (message: string) => void;

export function AddProfessionalDialog(props: {
  pupilId: string;
  professionLabels: Record<Profession, string>;
  onClose: () => void;
  onDone: Done;
}) {
  const add = useAddProfessional();
  // Made when the form opens: a save sent twice is stored once.
  const [id] = useState(() => crypto.randomUUID());
  const [v, setV] = useState({ name: '', profession: '', organisation: '', email: '', phone: '' });
  const set = (patch: Partial<typeof v>) => setV((old) => ({ ...old, ...patch }));
  return (
    <SaveDialog
      title="Add a professional"
      submitLabel="Add the professional"
      what="The professional"
      pending={add.isPending}
      error={add.error}
      onClose={props.onClose}
      submit={() => {
        const parsed = professionalCreateBody.safeParse({
          id,
          name: v.name,
          profession: v.profession,
          organisation: v.organisation,
          email: opt(v.email),
          phone: opt(v.phone),
          pupilId: props.pupilId,
        });
        if (!parsed.success) return schemaErrorsOf(parsed.error);
        add.mutate(parsed.data, { onSuccess: (a) => props.onDone(`${a.professional.name} added.`) });
        return undefined;
      }}
    >
      {(errors) => (
        <>
          <Field label="Name" required validationMessage={errors['name']}>
            <Input value={v.name} onChange={(_e, d) => set({ name: d.value })} />
          </Field>
          <Field label="Profession" required validationMessage={errors['profession']}>
            <Select value={v.profession} onChange={(_e, d) => set({ profession: d.value })}>
              <option value="">Choose…</option>
              {PROFESSIONS.map((p) => (
                <option key={p} value={p}>
                  {props.professionLabels[p]}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Organisation" required validationMessage={errors['organisation']}>
            <Input value={v.organisation} onChange={(_e, d) => set({ organisation: d.value })} />
          </Field>
          <Field label="Email" validationMessage={errors['email']}>
            <Input type="email" value={v.email} onChange={(_e, d) => set({ email: d.value })} />
          </Field>
          <Field label="Phone" validationMessage={errors['phone']}>
            <Input type="tel" value={v.phone} onChange={(_e, d) => set({ phone: d.value })} />
          </Field>
        </>
      )}
    </SaveDialog>
  );
}

export function RecordReferralDialog(props: { pupilId: string; onClose: () => void; onDone: Done }) {
  const { me } = useApiSession();
  const save = useSaveReferral();
  const [id] = useState(() => crypto.randomUUID());
  const [v, setV] = useState<{ service: string; sentOn: string; question: string; responseDueOn: string }>({
    service: '',
    sentOn: me.today,
    question: '',
    responseDueOn: '',
  });
  const set = (patch: Partial<typeof v>) => setV((old) => ({ ...old, ...patch }));
  return (
    <SaveDialog
      title="Record a referral"
      submitLabel="Save the referral"
      what="The referral"
      pending={save.isPending}
      error={save.error}
      onClose={props.onClose}
      submit={() => {
        const parsed = referralCreateBody.safeParse({ id, ...v });
        if (!parsed.success) return schemaErrorsOf(parsed.error);
        save.mutate(
          { kind: 'create', pupilId: props.pupilId, body: parsed.data },
          { onSuccess: () => props.onDone('Referral recorded.') },
        );
        return undefined;
      }}
    >
      {(errors) => (
        <>
          <Field label="Service" required validationMessage={errors['service']}>
            <Select value={v.service} onChange={(_e, d) => set({ service: d.value })}>
              <option value="">Choose…</option>
              {PROFESSIONS.map((p) => (
                <option key={p} value={p}>
                  {SERVICE_LABELS[p]}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Date sent" required validationMessage={errors['sentOn']}>
            <Input type="date" value={v.sentOn} onChange={(_e, d) => set({ sentOn: d.value })} />
          </Field>
          <Field label="What was asked" required validationMessage={errors['question']}>
            <Textarea value={v.question} onChange={(_e, d) => set({ question: d.value })} />
          </Field>
          <Field label="Response due" required validationMessage={errors['responseDueOn']}>
            <Input
              type="date"
              value={v.responseDueOn}
              onChange={(_e, d) => set({ responseDueOn: d.value })}
            />
          </Field>
        </>
      )}
    </SaveDialog>
  );
}

/** The update body for a referral as stored, with changes (entries as typed: the update schema checks them). */
const updateOf = (r: Referral, eTag: string, change: Record<string, unknown>) => ({
  service: r.service,
  professionalId: r.professionalId,
  sentOn: r.sentOn,
  question: r.question,
  responseDueOn: r.responseDueOn,
  reports: r.reports,
  closedOn: r.closedOn,
  ...change,
  expectedETag: eTag,
});

/** The referral as stored, one line each: the reports received and whether it is closed. */
const storedSummary = (stored: Referral) => [
  `${stored.reports.length === 0 ? 'No' : stored.reports.length} report${stored.reports.length === 1 ? '' : 's'} received${stored.reports.length > 0 ? `: ${stored.reports.map((r) => `${r.title} (${longDate(r.receivedOn)})`).join('; ')}` : ''}`,
  stored.closedOn ? `Closed on ${longDate(stored.closedOn)}` : 'Open',
];

/** Record a report received, or close the referral: a change to the referral quoting its version. */
export function ReferralChangeDialog(props: {
  pupilId: string;
  referral: ReferralView;
  change: 'report' | 'close';
  onClose: () => void;
  onDone: Done;
}) {
  const { me } = useApiSession();
  const save = useSaveReferral();
  const [base, setBase] = useState<{ value: Referral; eTag: string }>({
    value: props.referral,
    eTag: props.referral.eTag,
  });
  const [v, setV] = useState<{ on: string; title: string; summary: string }>({
    on: me.today,
    title: '',
    summary: '',
  });
  const set = (patch: Partial<typeof v>) => setV((old) => ({ ...old, ...patch }));
  const report = props.change === 'report';
  const prefix = report ? 'reports.' + String(base.value.reports.length) + '.' : '';
  return (
    <SaveDialog
      title={report ? 'Record a report received' : 'Close the referral'}
      submitLabel={report ? 'Save the report' : 'Close the referral'}
      what="The referral"
      pending={save.isPending}
      error={save.error}
      onClose={props.onClose}
      summarise={storedSummary}
      onKeepMine={(current) => {
        setBase(current);
        save.reset();
      }}
      submit={() => {
        const change: Record<string, unknown> = report
          ? {
              reports: [...base.value.reports, { receivedOn: v.on, title: v.title, summary: opt(v.summary) }],
            }
          : { closedOn: v.on };
        const parsed = referralUpdateBody.safeParse(updateOf(base.value, base.eTag, change));
        if (!parsed.success) return schemaErrorsOf(parsed.error);
        save.mutate(
          { kind: 'update', pupilId: props.pupilId, referralId: props.referral.id, body: parsed.data },
          { onSuccess: () => props.onDone(report ? 'Report recorded.' : 'Referral closed.') },
        );
        return undefined;
      }}
    >
      {(errors) => (
        <>
          <Field
            label={report ? 'Date received' : 'Date closed'}
            required
            validationMessage={errors[report ? `${prefix}receivedOn` : 'closedOn']}
          >
            <Input type="date" value={v.on} max={me.today} onChange={(_e, d) => set({ on: d.value })} />
          </Field>
          {report && (
            <>
              <Field label="Report title" required validationMessage={errors[`${prefix}title`]}>
                <Input value={v.title} onChange={(_e, d) => set({ title: d.value })} />
              </Field>
              <Field label="Summary" validationMessage={errors[`${prefix}summary`]}>
                <Textarea value={v.summary} onChange={(_e, d) => set({ summary: d.value })} />
              </Field>
            </>
          )}
        </>
      )}
    </SaveDialog>
  );
}
