import type { SendRecords } from '../../graph/send-records.ts';

/**
 * The records the API is built with before the real ones exist. SharePoint's site is found (and in local
 * mode, provisioned and loaded) through Graph, which the local stand-in serves from this very server, so the
 * replica can only be made once the server listens. Until `attach` the API answers 503 (isReady is false);
 * audit writes are refused and the audit logger retries them.
 */
export type PendingRecords = SendRecords & {
  attach(records: SendRecords): void;
  attached(): SendRecords | undefined;
};

export function createPendingRecords(): PendingRecords {
  let target: SendRecords | undefined;
  const records = (): SendRecords => {
    if (!target) throw new Error('The SEND records are not loaded yet');
    return target;
  };
  return {
    attach(value) {
      target = value;
    },
    attached: () => target,
    isReady: () => target?.isReady() ?? false,
    changeStamp: () => records().changeStamp(),
    pupils: () => records().pupils(),
    pupil: (id) => records().pupil(id),
    pupilRecord: (id) => records().pupilRecord(id),
    meetingsFor: (pupilId) => records().meetingsFor(pupilId),
    meeting: (meetingId) => records().meeting(meetingId),
    meetingBookings: () => records().meetingBookings(),
    passport: (pupilId) => records().passport(pupilId),
    passportHistory: (pupilId) => records().passportHistory(pupilId),
    ehcPlan: (pupilId) => records().ehcPlan(pupilId),
    ehcPlanReview: (pupilId, reviewId) => records().ehcPlanReview(pupilId, reviewId),
    senSupportPlan: (pupilId) => records().senSupportPlan(pupilId),
    needsAssessments: (pupilId) => records().needsAssessments(pupilId),
    accessArrangements: (pupilId) => records().accessArrangements(pupilId),
    accessArrangementRecords: (pupilId) => records().accessArrangementRecords(pupilId),
    interventions: () => records().interventions(),
    interventionPupil: (interventionId, pupilId) => records().interventionPupil(interventionId, pupilId),
    interventionSessions: (interventionId) => records().interventionSessions(interventionId),
    professionals: () => records().professionals(),
    professionalsFor: (pupilId) => records().professionalsFor(pupilId),
    referrals: (pupilId) => records().referrals(pupilId),
    acknowledgements: (pupilId) => records().acknowledgements(pupilId),
    taAssignments: () => records().taAssignments(),
    settings: () => records().settings(),
    refreshAuditLog: () => records().refreshAuditLog(),
    auditLog: (filter) => records().auditLog(filter),
    savePassport: async (input) => records().savePassport(input),
    markPassportReviewed: async (input) => records().markPassportReviewed(input),
    acknowledgePassport: async (input) => records().acknowledgePassport(input),
    recordInterventionSession: async (session) => records().recordInterventionSession(session),
    savePupilSen: async (input) => records().savePupilSen(input),
    saveInterventionMeasures: async (input) => records().saveInterventionMeasures(input),
    createSenSupportPlan: async (input) => records().createSenSupportPlan(input),
    saveSenSupportPlan: async (input) => records().saveSenSupportPlan(input),
    saveAccessArrangement: async (input) => records().saveAccessArrangement(input),
    saveSettings: async (input) => records().saveSettings(input),
    createNeedsAssessment: async (input) => records().createNeedsAssessment(input),
    updateNeedsAssessment: async (input) => records().updateNeedsAssessment(input),
    saveEhcPlan: async (input) => records().saveEhcPlan(input),
    saveEhcPlanReview: async (input) => records().saveEhcPlanReview(input),
    createIntervention: async (input) => records().createIntervention(input),
    updateIntervention: async (input) => records().updateIntervention(input),
    addInterventionPupil: async (input) => records().addInterventionPupil(input),
    addProfessional: async (input) => records().addProfessional(input),
    linkProfessional: async (input) => records().linkProfessional(input),
    addReferral: async (input) => records().addReferral(input),
    updateReferral: async (input) => records().updateReferral(input),
    appendAudit: async (entries) => records().appendAudit(entries),
    appendAuditGroup: async (groupId, entries) => records().appendAuditGroup(groupId, entries),
    auditEntriesAbout: async (pupilId) => records().auditEntriesAbout(pupilId),
  };
}
