import type { SubjectAccessExport } from '../../contract/subject-access.ts';
import type { CalendarDate } from '../../domain/calendar-date.ts';
import { pupilDisplayName, type Pupil } from '../../domain/pupil.schema.ts';
import type { AuditEntry, SendRecordsReader } from '../../graph/send-records.ts';

/**
 * Everything SENCO Hub holds about one pupil, gathered for a subject access request (UK GDPR Art 15,
 * https://www.legislation.gov.uk/eur/2016/679/article/15): the pupil item, every passport version and who read
 * it, plans with their reviews, needs assessments, exam access arrangements, interventions with attendance,
 * professionals, referrals, meetings, TA assignments and the audit entries about the pupil.
 *
 * Other people's data is not given away (Art 15(4)): other pupils' ids are taken out of shared meetings, and
 * the notes of a meeting about several pupils are withheld and said to be.
 */
export function subjectAccessExport(input: {
  records: SendRecordsReader;
  pupil: Pupil;
  classNames: ReadonlyMap<string, string>;
  /** Every audit entry about the pupil, or undefined when the exporter may not read the audit log. */
  audit: readonly AuditEntry[] | undefined;
  school: string | undefined;
  generatedAt: Date;
  generatedOn: CalendarDate;
  generatedBy: string;
}): SubjectAccessExport {
  const { records, pupil } = input;
  const notes: string[] = [];
  const meetings = records.meetingsFor(pupil.id).map(({ notes: meetingNotes, ...meeting }) => {
    const shared = meeting.pupilIds.some((id) => id !== pupil.id);
    return {
      ...meeting,
      pupilIds: [pupil.id],
      notes: shared ? null : (meetingNotes ?? null),
      notesWithheld: shared && meetingNotes !== undefined,
    };
  });
  if (meetings.some((m) => m.notesWithheld))
    notes.push(
      'The notes of meetings about other pupils too are withheld: they may hold other people’s information (UK GDPR Art 15(4)). Ask the SENCO for a redacted copy.',
    );
  const interventions = records.interventions().flatMap(({ value: intervention }) => {
    const participation = intervention.pupils.find((p) => p.pupilId === pupil.id);
    if (!participation) return [];
    const sessions = records
      .interventionSessions(intervention.id)
      .filter((s) => s.attendedPupilIds.includes(pupil.id) || s.absentPupilIds.includes(pupil.id))
      .map((s) => ({ date: s.date, attended: s.attendedPupilIds.includes(pupil.id) }));
    const { id, name, areaOfNeed, delivery, startOn, endOn, staff } = intervention;
    return [
      { intervention: { id, name, areaOfNeed, delivery, startOn, endOn, staff }, participation, sessions },
    ];
  });
  if (input.audit === undefined)
    notes.push(
      'The audit log (who read or changed these records) is left out: only the SENCO may export it.',
    );
  return {
    kind: 'senco-hub-subject-access-export',
    school: input.school ?? null,
    generatedAt: input.generatedAt.toISOString(),
    generatedOn: input.generatedOn,
    generatedBy: input.generatedBy,
    pupil: {
      ...pupil,
      displayName: pupilDisplayName(pupil),
      classNames: pupil.classIds.map((id) => input.classNames.get(id) ?? id),
    },
    passports: {
      versions: [...records.passportHistory(pupil.id)].sort((a, b) => a.version - b.version),
      readBy: [...records.acknowledgements(pupil.id)],
    },
    senSupportPlan: records.senSupportPlan(pupil.id)?.value ?? null,
    ehcPlan: records.ehcPlan(pupil.id)?.value ?? null,
    needsAssessments: records.needsAssessments(pupil.id).map((a) => a.value),
    examAccessArrangements: [...records.accessArrangements(pupil.id)],
    interventions,
    professionals: [...records.professionalsFor(pupil.id)],
    referrals: records.referrals(pupil.id).map((r) => r.value),
    meetings,
    taAssignments: records
      .taAssignments()
      .filter((a) => a.pupilId === pupil.id)
      .map((a) => ({ staffUserId: a.staffUserId, from: a.from, to: a.to ?? null })),
    audit:
      input.audit?.map((e) => ({
        at: e.at,
        who: e.actor.upn || e.actor.userId,
        action: e.action,
        what: e.resource,
        detail: e.detail ?? null,
        from: e.from ?? null,
      })) ?? null,
    notes,
  };
}
