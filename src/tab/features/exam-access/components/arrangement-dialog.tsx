import {
  Button,
  Field,
  Input,
  Select,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { saveAccessArrangementBody, type AccessArrangementRecord } from '../../../../contract/exam-access.ts';
import { academicYearLabel, academicYearOf } from '../../../../domain/academic-year.ts';
import type { CalendarDate } from '../../../../domain/calendar-date.ts';
import { EXAM_ARRANGEMENTS, type ExamAccessArrangement } from '../../../../domain/exam-access.schema.ts';
import { EXAM_ARRANGEMENT_LABELS } from '../../../api/pupil-labels.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { ConflictNotice } from '../../../components/conflict-notice.tsx';
import { describeError } from '../../../components/describe-error.ts';
import { FormDialog, notSavedInWords } from '../../../components/form-dialog.tsx';
import { longDate } from '../../../components/format.ts';
import {
  arrangementConflictOf,
  fieldErrorsOf,
  schemaErrorsOf,
  useSaveAccessArrangement,
} from '../api/access-arrangements.ts';

export const ARRANGEMENT_STATUS_LABELS: Record<ExamAccessArrangement['status'], string> = {
  proposed: 'Proposed',
  applied: 'Applied for',
  approved: 'Approved',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
};

const useStyles = makeStyles({
  scores: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingVerticalS,
  },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'end' },
});

type ScoreEntry = { test: string; score: string };
type Entries = {
  arrangement: string;
  route: string;
  status: string;
  regulationsAcademicYear: string;
  evidence: string;
  assessedOn: string;
  assessor: string;
  scores: ScoreEntry[];
  approvedOn: string;
  expiresOn: string;
  notes: string;
};

const opt = (text: string) => (text.trim() === '' ? undefined : text);
/** A number typed, or the text as typed so the schema names the field ("… must be a number"). */
const numberOrText = (text: string): unknown => (/^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : text);

function entriesOf(
  a: ExamAccessArrangement | undefined,
  today: CalendarDate,
  start?: Partial<Entries>,
): Entries {
  return {
    arrangement: a?.arrangement ?? '',
    route: a?.route ?? 'delegated',
    status: a?.status ?? 'proposed',
    regulationsAcademicYear: String(a?.regulationsAcademicYear ?? academicYearOf(today)),
    evidence: a?.normalWayOfWorkingEvidence ?? '',
    assessedOn: a?.form8?.assessedOn ?? '',
    assessor: a?.form8?.assessor ?? '',
    scores: a?.form8?.scores.map((s) => ({ test: s.test, score: String(s.standardisedScore) })) ?? [],
    approvedOn: a?.approvedOn ?? '',
    expiresOn: a?.expiresOn ?? '',
    notes: a?.notes ?? '',
    ...start,
  };
}

function bodyOf(v: Entries, eTag: string | undefined) {
  const scores = v.scores.filter((s) => s.test.trim() !== '' || s.score.trim() !== '');
  const form8 =
    v.assessedOn !== '' || scores.length > 0
      ? {
          assessedOn: v.assessedOn,
          assessor: opt(v.assessor),
          scores: scores.map((s) => ({ test: s.test, standardisedScore: numberOrText(s.score) })),
        }
      : undefined;
  return {
    arrangement: v.arrangement,
    route: v.route,
    status: v.status,
    regulationsAcademicYear: numberOrText(v.regulationsAcademicYear),
    normalWayOfWorkingEvidence: opt(v.evidence),
    form8,
    approvedOn: opt(v.approvedOn),
    expiresOn: opt(v.expiresOn),
    notes: opt(v.notes),
    expectedETag: eTag,
  };
}

/**
 * Record an exam access arrangement, or change one: checked with the contract's schema before sending (the
 * server's words, beside each field, focus on the first), a 409 shown with the stored version and focused.
 */
export function ArrangementDialog(props: {
  pupilId: string;
  /** The arrangement being changed; none to record a new one. */
  record?: AccessArrangementRecord | undefined;
  /** Starting entries for a new one (from a passport line). */
  start?: Partial<Entries> | undefined;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const styles = useStyles();
  const { me } = useApiSession();
  const save = useSaveAccessArrangement();
  const [v, setV] = useState<Entries>(() => entriesOf(props.record?.arrangement, me.today, props.start));
  const [eTag, setETag] = useState(props.record?.eTag);
  const [local, setLocal] = useState<Record<string, string>>({});
  const set = (patch: Partial<Entries>) => setV((old) => ({ ...old, ...patch }));
  const setScore = (i: number, patch: Partial<ScoreEntry>) =>
    set({ scores: v.scores.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  const conflict = arrangementConflictOf(save.error);
  const fieldsRef = useRef<HTMLDivElement>(null);
  const errors = { ...local, ...fieldErrorsOf(save.error) };
  const errorCount = Object.keys(errors).length;
  // After a save is refused, focus goes to the first field named (not on every keystroke after).
  useEffect(() => {
    fieldsRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [local, save.error]);
  const other =
    save.error && !conflict && Object.keys(fieldErrorsOf(save.error)).length === 0
      ? describeError(save.error, 'The arrangement')
      : undefined;
  const stored = conflict?.current?.value;
  const creating = props.record === undefined;

  return (
    <FormDialog
      open
      title={creating ? 'Record an exam access arrangement' : 'Change the exam access arrangement'}
      submitLabel={creating ? 'Save the arrangement' : 'Save changes'}
      pendingLabel="Saving…"
      pending={save.isPending}
      canSubmit={!conflict}
      noValidate
      onClose={() => {
        save.reset();
        props.onClose();
      }}
      failure={notSavedInWords(other, errorCount)}
      onSubmit={() => {
        const parsed = saveAccessArrangementBody.safeParse(bodyOf(v, creating ? undefined : eTag));
        if (!parsed.success) {
          setLocal(schemaErrorsOf(parsed.error));
          return;
        }
        setLocal({});
        save.mutate(
          { pupilId: props.pupilId, arrangementId: props.record?.arrangement.id, body: parsed.data },
          {
            onSuccess: (saved) =>
              props.onDone(
                `${EXAM_ARRANGEMENT_LABELS[saved.arrangement.arrangement]} ${creating ? 'recorded' : 'saved'}.`,
              ),
          },
        );
      }}
    >
      <div ref={fieldsRef} style={{ display: 'contents' }}>
        <Field label="Arrangement" required validationMessage={errors['arrangement']}>
          <Select value={v.arrangement} onChange={(_e, d) => set({ arrangement: d.value })}>
            <option value="">Choose…</option>
            {EXAM_ARRANGEMENTS.map((a) => (
              <option key={a} value={a}>
                {EXAM_ARRANGEMENT_LABELS[a]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Approval status" required validationMessage={errors['status']}>
          <Select value={v.status} onChange={(_e, d) => set({ status: d.value })}>
            {Object.entries(ARRANGEMENT_STATUS_LABELS).map(([s, label]) => (
              <option key={s} value={s}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Route" required validationMessage={errors['route']}>
          <Select value={v.route} onChange={(_e, d) => set({ route: d.value })}>
            <option value="delegated">Delegated: decided by the SENCO in the centre</option>
            <option value="aao">Applied for through Access Arrangements Online</option>
          </Select>
        </Field>
        <Field
          label="JCQ regulations year (the year it starts)"
          hint={`This year’s regulations: ${academicYearLabel(academicYearOf(me.today))}.`}
          required
          validationMessage={errors['regulationsAcademicYear']}
        >
          <Input
            inputMode="numeric"
            value={v.regulationsAcademicYear}
            onChange={(_e, d) => set({ regulationsAcademicYear: d.value })}
          />
        </Field>
        <Field
          label="Evidence: the candidate’s normal way of working"
          hint="How the arrangement is used in class and in tests."
          validationMessage={errors['normalWayOfWorkingEvidence']}
        >
          <Textarea resize="vertical" value={v.evidence} onChange={(_e, d) => set({ evidence: d.value })} />
        </Field>
        <fieldset className={styles.scores}>
          <legend>Assessment (Form 8), if there is one</legend>
          <div className={styles.row}>
            <Field label="Assessment date" validationMessage={errors['form8.assessedOn']}>
              <Input
                type="date"
                value={v.assessedOn}
                max={me.today}
                onChange={(_e, d) => set({ assessedOn: d.value })}
              />
            </Field>
            <Field label="Assessor" validationMessage={errors['form8.assessor']}>
              <Input value={v.assessor} onChange={(_e, d) => set({ assessor: d.value })} />
            </Field>
          </div>
          {v.scores.map((s, i) => (
            <div key={i} className={styles.row}>
              <Field label={`Test ${i + 1}`} validationMessage={errors[`form8.scores.${i}.test`]}>
                <Input value={s.test} onChange={(_e, d) => setScore(i, { test: d.value })} />
              </Field>
              <Field
                label={`Standardised score ${i + 1}`}
                validationMessage={errors[`form8.scores.${i}.standardisedScore`]}
              >
                <Input
                  inputMode="numeric"
                  value={s.score}
                  onChange={(_e, d) => setScore(i, { score: d.value })}
                />
              </Field>
              <Button onClick={() => set({ scores: v.scores.filter((_s, j) => j !== i) })}>
                Remove score {i + 1}
              </Button>
            </div>
          ))}
          <div>
            <Button onClick={() => set({ scores: [...v.scores, { test: '', score: '' }] })}>
              Add a standardised score
            </Button>
          </div>
        </fieldset>
        <div className={styles.row}>
          <Field label="Approved on" validationMessage={errors['approvedOn']}>
            <Input type="date" value={v.approvedOn} onChange={(_e, d) => set({ approvedOn: d.value })} />
          </Field>
          <Field label="Expires on" validationMessage={errors['expiresOn']}>
            <Input type="date" value={v.expiresOn} onChange={(_e, d) => set({ expiresOn: d.value })} />
          </Field>
        </div>
        <Field label="Notes" validationMessage={errors['notes']}>
          <Textarea resize="vertical" value={v.notes} onChange={(_e, d) => set({ notes: d.value })} />
        </Field>
      </div>
      {conflict && (
        <ConflictNotice
          subject="this arrangement"
          changedBy={conflict.changedBy}
          changedAt={conflict.changedAt}
          summaryLabel="The arrangement as they saved it"
          summary={
            stored
              ? [
                  `${EXAM_ARRANGEMENT_LABELS[stored.arrangement]}, ${ARRANGEMENT_STATUS_LABELS[stored.status].toLowerCase()}${stored.expiresOn ? `, expires ${longDate(stored.expiresOn)}` : ''}`,
                  ...(stored.normalWayOfWorkingEvidence
                    ? [`Evidence: ${stored.normalWayOfWorkingEvidence}`]
                    : []),
                ]
              : []
          }
          keepLabel="Keep my entries and save over their version"
          onKeepMine={() => {
            setETag(conflict.current?.eTag);
            save.reset();
          }}
          onUseTheirs={
            conflict.current
              ? () => {
                  setV(entriesOf(conflict.current?.value, me.today));
                  setETag(conflict.current?.eTag);
                  save.reset();
                }
              : undefined
          }
        />
      )}
    </FormDialog>
  );
}
