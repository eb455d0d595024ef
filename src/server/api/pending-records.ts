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
    pupils: () => records().pupils(),
    pupil: (id) => records().pupil(id),
    pupilRecord: (id) => records().pupilRecord(id),
    meetingsFor: (pupilId) => records().meetingsFor(pupilId),
    passport: (pupilId) => records().passport(pupilId),
    passportHistory: (pupilId) => records().passportHistory(pupilId),
    ehcPlan: (pupilId) => records().ehcPlan(pupilId),
    senSupportPlan: (pupilId) => records().senSupportPlan(pupilId),
    accessArrangements: (pupilId) => records().accessArrangements(pupilId),
    accessArrangementRecords: (pupilId) => records().accessArrangementRecords(pupilId),
    interventions: () => records().interventions(),
    interventionPupil: (interventionId, pupilId) => records().interventionPupil(interventionId, pupilId),
    interventionSessions: (interventionId) => records().interventionSessions(interventionId),
    professionals: () => records().professionals(),
    professionalsFor: (pupilId) => records().professionalsFor(pupilId),
    acknowledgements: (pupilId) => records().acknowledgements(pupilId),
    taAssignments: () => records().taAssignments(),
    settings: () => records().settings(),
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
    appendAudit: async (entries) => records().appendAudit(entries),
  };
}
