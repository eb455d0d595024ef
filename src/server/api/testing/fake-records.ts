import type { DomainSettings } from '../../../domain/domain-settings.ts';
import { sameSessionSlot } from '../../../domain/intervention-session.ts';
import { DEFAULT_DOMAIN_SETTINGS } from '../../../domain/domain-settings.ts';
import type { EhcPlan } from '../../../domain/ehc-plan.schema.ts';
import type { ExamAccessArrangement } from '../../../domain/exam-access.schema.ts';
import type { Intervention, InterventionPupil } from '../../../domain/intervention.schema.ts';
import type { Meeting } from '../../../domain/meeting.schema.ts';
import { nextPassportVersion, reviewedPassport } from '../../../domain/passport.ts';
import type { Passport, PassportAcknowledgement } from '../../../domain/passport.schema.ts';
import type { ExternalProfessional } from '../../../domain/professional.schema.ts';
import type { EhcNeedsAssessment } from '../../../domain/ehc-needs-assessment.schema.ts';
import type { Pupil } from '../../../domain/pupil.schema.ts';
import { byReviewDate } from '../../../domain/review.schema.ts';
import { senHistoryWrites, senRecordInOrder } from '../../../domain/sen-record-change.ts';
import type { SenSupportPlan } from '../../../domain/sen-support-plan.schema.ts';
import { ConflictError } from '../../../graph/graph-request-error.ts';
import type {
  AuditEntry,
  InterventionSession,
  SendRecords,
  TaAssignment,
  Versioned,
} from '../../../graph/send-records.ts';

/**
 * An in-memory SendRecords for the server's tests: the same contract as the SharePoint replica (eTags that
 * change on every write, ConflictError with the current version on a stale one), no Graph.
 */

export type FakeRecordsData = {
  pupils?: Pupil[];
  /** Every version of every passport. */
  passports?: Passport[];
  ehcPlans?: EhcPlan[];
  senSupportPlans?: SenSupportPlan[];
  accessArrangements?: ExamAccessArrangement[];
  interventions?: Intervention[];
  professionals?: ExternalProfessional[];
  /** Professional ids by pupil id. */
  pupilProfessionals?: Record<string, string[]>;
  acknowledgements?: PassportAcknowledgement[];
  taAssignments?: TaAssignment[];
  settings?: DomainSettings;
  meetings?: Meeting[];
};

export type FakeRecords = SendRecords & {
  /** Sessions recorded through recordInterventionSession. */
  readonly sessions: InterventionSession[];
  /** Entries appended to the audit list, in order. */
  readonly audit: AuditEntry[];
  setReady(ready: boolean): void;
  /** Makes the next appendAudit calls fail (for the audit logger's retries). */
  failAuditWrites(count: number): void;
};

export function createFakeRecords(
  data: FakeRecordsData = {},
  options: { now?: () => Date; ready?: boolean } = {},
): FakeRecords {
  const now = options.now ?? (() => new Date('2026-11-23T09:00:00Z'));
  let ready = options.ready ?? true;
  let tag = 0;
  const versioned = <T>(value: T, modifiedBy?: string): Versioned<T> => ({
    value,
    eTag: `"fake-${++tag}"`,
    modifiedAt: now().toISOString(),
    modifiedBy,
  });

  const pupils = [...(data.pupils ?? [])];
  const pupilVersions = new Map(pupils.map((p) => [p.id, versioned(p)]));
  const meetings = [...(data.meetings ?? [])].sort((a, b) => b.on.localeCompare(a.on));
  const passportVersions = new Map<string, Passport[]>();
  for (const p of data.passports ?? [])
    passportVersions.set(p.pupilId, [...(passportVersions.get(p.pupilId) ?? []), p]);
  const currentPassports = new Map<string, Versioned<Passport>>();
  for (const [pupilId, versions] of passportVersions) {
    const latest = [...versions].sort((a, b) => b.version - a.version)[0];
    if (latest) currentPassports.set(pupilId, versioned(latest, latest.updatedBy));
  }
  const ehcPlans = new Map((data.ehcPlans ?? []).map((p) => [p.pupilId, versioned(p)]));
  const reviewVersions = new Map(
    (data.ehcPlans ?? []).flatMap((p) => p.reviews.map((r) => [r.id, versioned(r)] as const)),
  );
  const supportPlans = new Map((data.senSupportPlans ?? []).map((p) => [p.pupilId, versioned(p)]));
  const arrangements = (data.accessArrangements ?? []).map((a) => versioned(a));
  const interventions = (data.interventions ?? []).map((i) => versioned(i));
  /** Each pupil's place in an intervention has its own version, as in SharePoint. */
  const placeKey = (interventionId: string, pupilId: string) => `${interventionId}|${pupilId}`;
  const places = new Map<string, Versioned<InterventionPupil>>();
  for (const i of data.interventions ?? [])
    for (const p of i.pupils) places.set(placeKey(i.id, p.pupilId), versioned(p));
  const professionals = [...(data.professionals ?? [])];
  const acknowledgements = [...(data.acknowledgements ?? [])];
  const taAssignments = [...(data.taAssignments ?? [])];
  let settings = versioned(data.settings ?? DEFAULT_DOMAIN_SETTINGS);
  const sessions: InterventionSession[] = [];
  const needsAssessments = new Map<string, Versioned<EhcNeedsAssessment>>();
  let assessmentIds = 0;
  const audit: AuditEntry[] = [];
  let auditFailures = 0;
  /** Group ids stored (one audit item each). */
  const auditGroups = new Set<string>();

  return {
    sessions,
    audit,
    setReady: (value) => {
      ready = value;
    },
    failAuditWrites: (count) => {
      auditFailures = count;
    },
    isReady: () => ready,
    // Every write makes a new version (a new tag) or adds a session or an acknowledgement.
    changeStamp: () => `${tag}:${sessions.length}:${acknowledgements.length}`,
    pupils: () => pupils,
    pupil: (id) => pupils.find((p) => p.id === id),
    pupilRecord: (id) => pupilVersions.get(id),
    meetingsFor: (pupilId) => meetings.filter((m) => m.pupilIds.includes(pupilId)),
    meeting: (meetingId) => meetings.find((m) => m.id === meetingId),
    meetingBookings: () => {
      throw new Error('Fake records do not book meetings: booking is tested against the stand-in.');
    },
    passport: (pupilId) => currentPassports.get(pupilId),
    passportHistory: (pupilId) => passportVersions.get(pupilId) ?? [],
    ehcPlan: (pupilId) => ehcPlans.get(pupilId),
    senSupportPlan: (pupilId) => supportPlans.get(pupilId),
    needsAssessments: (pupilId) => [...needsAssessments.values()].filter((a) => a.value.pupilId === pupilId),
    accessArrangements: (pupilId) =>
      arrangements.filter((a) => a.value.pupilId === pupilId).map((a) => a.value),
    accessArrangementRecords: (pupilId) => arrangements.filter((a) => a.value.pupilId === pupilId),
    interventions: () => interventions,
    interventionPupil: (interventionId, pupilId) => places.get(placeKey(interventionId, pupilId)),
    interventionSessions: (interventionId) => sessions.filter((s) => s.interventionId === interventionId),
    professionals: () => professionals,
    professionalsFor: (pupilId) => {
      const ids = data.pupilProfessionals?.[pupilId] ?? [];
      return professionals.filter((p) => ids.includes(p.id));
    },
    referrals: () => [],
    acknowledgements: (pupilId) => acknowledgements.filter((a) => a.pupilId === pupilId),
    taAssignments: () => taAssignments,
    // Provision map and referral writes are tested against the stand-in (intervention-writes.test.ts and
    // the route tests through the real Graph client); this fake refuses them rather than pretend.
    createIntervention: () => Promise.reject(new Error('The fake records do not write interventions')),
    updateIntervention: () => Promise.reject(new Error('The fake records do not write interventions')),
    addInterventionPupil: () => Promise.reject(new Error('The fake records do not write interventions')),
    addProfessional: () => Promise.reject(new Error('The fake records do not write professionals')),
    linkProfessional: () => Promise.reject(new Error('The fake records do not write professionals')),
    addReferral: () => Promise.reject(new Error('The fake records do not write referrals')),
    updateReferral: () => Promise.reject(new Error('The fake records do not write referrals')),
    settings: () => settings,
    refreshAuditLog: () => Promise.resolve(),
    auditEntriesAbout: (pupilId) => Promise.resolve(audit.filter((e) => e.pupilId === pupilId)),
    auditLog: ({ pupilId, limit }) =>
      [...audit]
        .reverse()
        .filter((e) => pupilId === undefined || e.pupilId === pupilId)
        .slice(0, limit),

    savePassport({ pupilId, content, expectedETag, by, today }) {
      const current = currentPassports.get(pupilId);
      if (current?.eTag !== expectedETag) return Promise.reject(new ConflictError('passport', current));
      const next = nextPassportVersion({
        ...(current ? { previous: current.value } : {}),
        id: `passport-${pupilId}-${(current?.value.version ?? 0) + 1}`,
        pupilId,
        content,
        reviewedOn: today,
        settings: settings.value,
        updatedBy: by.name,
      });
      const saved = versioned(next, by.name);
      currentPassports.set(pupilId, saved);
      passportVersions.set(pupilId, [...(passportVersions.get(pupilId) ?? []), next]);
      return Promise.resolve(saved);
    },

    markPassportReviewed({ pupilId, expectedETag, by, today }) {
      const current = currentPassports.get(pupilId);
      if (!current || current.eTag !== expectedETag)
        return Promise.reject(new ConflictError('passport', current));
      const reviewed = reviewedPassport(current.value, today, settings.value);
      const saved = versioned(reviewed, by.name);
      currentPassports.set(pupilId, saved);
      passportVersions.set(
        pupilId,
        (passportVersions.get(pupilId) ?? []).map((p) => (p.version === reviewed.version ? reviewed : p)),
      );
      return Promise.resolve(saved);
    },

    acknowledgePassport({ pupilId, passportVersion, by, at }) {
      const acknowledgement = { pupilId, passportVersion, userId: by.userId, name: by.name, at };
      acknowledgements.push(acknowledgement);
      return Promise.resolve(acknowledgement);
    },

    // The rule the SharePoint replica keeps: recording a session again corrects it, never doubles it.
    recordInterventionSession(session) {
      const same = sessions.findIndex((s) => sameSessionSlot(s, session));
      if (same >= 0) sessions.splice(same, 1, session);
      else sessions.push(session);
      return Promise.resolve();
    },

    savePupilSen({ pupilId, senProvision, needs, expectedETag, by, audit: entry }) {
      const current = pupilVersions.get(pupilId);
      const index = pupils.findIndex((p) => p.id === pupilId);
      if (!current || index < 0) return Promise.reject(new Error(`No pupil ${pupilId}`));
      if (current.eTag !== expectedETag)
        return Promise.reject(new ConflictError('pupil’s SEN status and needs', current));
      // The same rule the SharePoint replica keeps: history is only added to or closed.
      const { problems } = senHistoryWrites(current.value, { senProvision, needs });
      if (problems.length > 0)
        return Promise.reject(new RangeError(`Cannot save the SEN status and needs: ${problems.join('; ')}`));
      if (!audit.some((e) => e.id !== undefined && e.id === entry.id)) audit.push(entry);
      const pupil: Pupil = { ...current.value, ...senRecordInOrder({ senProvision, needs }) };
      pupils[index] = pupil;
      const saved = versioned(pupil, by.name);
      pupilVersions.set(pupilId, saved);
      return Promise.resolve(saved);
    },

    saveInterventionMeasures({ interventionId, pupilId, expectedETag, by, ...measures }) {
      const key = placeKey(interventionId, pupilId);
      const current = places.get(key);
      const index = interventions.findIndex((v) => v.value.id === interventionId);
      const intervention = interventions[index];
      if (!current || !intervention)
        return Promise.reject(new Error(`Pupil ${pupilId} is not in intervention ${interventionId}`));
      if (current.eTag !== expectedETag)
        return Promise.reject(new ConflictError('intervention record for this pupil', current));
      const { entryMeasure: _e, exitMeasure: _x, leftOn: _l, ...rest } = current.value;
      const pupil: InterventionPupil = {
        ...rest,
        ...(measures.entryMeasure !== undefined ? { entryMeasure: measures.entryMeasure } : {}),
        ...(measures.exitMeasure !== undefined ? { exitMeasure: measures.exitMeasure } : {}),
        ...(measures.leftOn !== undefined ? { leftOn: measures.leftOn } : {}),
      };
      const saved = versioned(pupil, by.name);
      places.set(key, saved);
      interventions[index] = {
        ...intervention,
        value: {
          ...intervention.value,
          pupils: intervention.value.pupils.map((p) => (p.pupilId === pupilId ? pupil : p)),
        },
      };
      return Promise.resolve(saved);
    },

    createNeedsAssessment({ assessment, by }) {
      const saved = versioned({ ...assessment, id: `assessment-${++assessmentIds}` }, by.name);
      needsAssessments.set(saved.value.id, saved);
      return Promise.resolve(saved);
    },

    updateNeedsAssessment({ assessment, expectedETag, by }) {
      const current = needsAssessments.get(assessment.id);
      if (!current) return Promise.reject(new RangeError(`No EHC needs assessment request ${assessment.id}`));
      if (current.eTag !== expectedETag)
        return Promise.reject(new ConflictError('EHC needs assessment request', current));
      const saved = versioned(assessment, by.name);
      needsAssessments.set(assessment.id, saved);
      return Promise.resolve(saved);
    },

    ehcPlanReview: (pupilId, reviewId) =>
      ehcPlans.get(pupilId)?.value.reviews.some((r) => r.id === reviewId)
        ? reviewVersions.get(reviewId)
        : undefined,

    saveEhcPlan({ plan, expectedETag, by }) {
      const current = ehcPlans.get(plan.pupilId);
      if (current?.eTag !== expectedETag) return Promise.reject(new ConflictError('EHC plan', current));
      const saved = versioned({ ...plan, reviews: current?.value.reviews ?? [] }, by.name);
      ehcPlans.set(plan.pupilId, saved);
      return Promise.resolve(saved);
    },

    saveEhcPlanReview({ plan, review, expectedETag, by }) {
      const current = ehcPlans.get(plan.pupilId);
      if (!current) return Promise.reject(new Error(`No EHC plan for ${plan.pupilId}`));
      if (reviewVersions.get(review.id)?.eTag !== expectedETag)
        return Promise.reject(new ConflictError('review record', reviewVersions.get(review.id)));
      const saved = versioned(review, by.name);
      reviewVersions.set(review.id, saved);
      // In the order the SharePoint replica lists them (the same domain rule).
      const reviews = [...current.value.reviews.filter((r) => r.id !== review.id), review].sort(byReviewDate);
      ehcPlans.set(plan.pupilId, { ...current, value: { ...current.value, reviews } });
      return Promise.resolve(saved);
    },

    createSenSupportPlan({ plan, by }) {
      const current = supportPlans.get(plan.pupilId);
      if (current) return Promise.reject(new ConflictError('SEN support plan', current));
      const saved = versioned(plan, by.name);
      supportPlans.set(plan.pupilId, saved);
      return Promise.resolve(saved);
    },

    saveSenSupportPlan({ plan, expectedETag, by }) {
      const current = supportPlans.get(plan.pupilId);
      if (!current || current.eTag !== expectedETag)
        return Promise.reject(new ConflictError('SEN support plan', current));
      const saved = versioned(plan, by.name);
      supportPlans.set(plan.pupilId, saved);
      return Promise.resolve(saved);
    },

    saveAccessArrangement({ arrangement, expectedETag, by }) {
      const index = arrangements.findIndex((a) => a.value.id === arrangement.id);
      const current = arrangements[index];
      if (expectedETag === undefined ? current : current?.eTag !== expectedETag)
        return Promise.reject(new ConflictError('exam access arrangement', current));
      const saved = versioned(arrangement, by.name);
      if (index >= 0) arrangements[index] = saved;
      else arrangements.push(saved);
      return Promise.resolve(saved);
    },

    saveSettings({ settings: value, expectedETag, by }) {
      if (expectedETag !== settings.eTag) return Promise.reject(new ConflictError('settings', settings));
      settings = versioned(value, by.name);
      return Promise.resolve(settings);
    },

    appendAudit(entries) {
      if (auditFailures > 0) {
        auditFailures -= 1;
        return Promise.reject(new Error('The audit list is unavailable'));
      }
      for (const entry of entries)
        if (!audit.some((e) => e.id !== undefined && e.id === entry.id)) audit.push(entry);
      return Promise.resolve();
    },

    appendAuditGroup(groupId, entries) {
      if (auditFailures > 0) {
        auditFailures -= 1;
        return Promise.reject(new Error('The audit list is unavailable'));
      }
      // One item per group id, as the audit list keys it: a group sent again is stored once.
      if (!auditGroups.has(groupId)) {
        auditGroups.add(groupId);
        audit.push(...entries);
      }
      return Promise.resolve();
    },
  };
}
