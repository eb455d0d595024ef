/**
 * The seam between the server and SharePoint: SEND records as domain types, read from an in-memory replica
 * (kept current by Graph delta queries) and written to SharePoint first, then to the replica.
 * src/graph implements it (send-records-replica.ts); src/server uses only this interface, so its tests can
 * run on the real implementation over the local stand-in or on a fake.
 *
 * Additive changes are fine; say so in the closing note of the work that makes them.
 */
import type { DomainSettings } from '../domain/domain-settings.ts';
import type { EhcNeedsAssessment } from '../domain/ehc-needs-assessment.schema.ts';
import type { EhcPlan } from '../domain/ehc-plan.schema.ts';
import type { Review } from '../domain/review.schema.ts';
import type { ExamAccessArrangement } from '../domain/exam-access.schema.ts';
import type { Intervention, InterventionPupil } from '../domain/intervention.schema.ts';
import type { Passport, PassportAcknowledgement, PassportContent } from '../domain/passport.schema.ts';
import type { Meeting } from '../domain/meeting.schema.ts';
import type { meetingBookings } from './meeting-bookings.ts';

export type MeetingBookings = ReturnType<typeof meetingBookings>;
import type { ExternalProfessional } from '../domain/professional.schema.ts';
import type { Referral } from '../domain/referral.schema.ts';
import type { Pupil } from '../domain/pupil.schema.ts';
import type { SenSupportPlan } from '../domain/sen-support-plan.schema.ts';
import type { CalendarDate } from '../domain/calendar-date.ts';

/** A record as last read, with the version tag a write must quote (SharePoint's eTag) and who changed it. */
export type Versioned<T> = { value: T; eTag: string; modifiedAt: string; modifiedBy: string | undefined };

/** Who is acting, for "modified by" and the audit log. */
export type Actor = { userId: string; upn: string; name: string };

/** A teaching assistant assigned by the SENCO to support a pupil. */
export type TaAssignment = { pupilId: string; staffUserId: string; from: CalendarDate; to?: CalendarDate };

/** One delivered intervention session, recorded by the member of staff who ran it. */
export type InterventionSession = {
  interventionId: string;
  date: CalendarDate;
  /** The session's number within the day (1, 2…); absent on the day's first (intervention-session.ts). */
  sessionNumber?: number;
  attendedPupilIds: string[];
  absentPupilIds: string[];
  note?: string;
  recordedBy: Actor;
};

/** What the SENCO records for one pupil in an intervention; undefined clears a value. */
export type InterventionMeasuresInput = {
  interventionId: string;
  pupilId: string;
  entryMeasure: number | undefined;
  exitMeasure: number | undefined;
  leftOn: CalendarDate | undefined;
  expectedETag: string;
  by: Actor;
};

export type AuditEntry = {
  /**
   * Stored once per id: a retried write of the same entry is not doubled. appendAudit assigns one when absent;
   * a caller that retries after a failure should keep the ids of BatchWriteError.failures' entries.
   */
  id?: string;
  at: string;
  actor: { userId: string; upn: string };
  action: 'read' | 'create' | 'update' | 'delete' | 'acknowledge' | 'export';
  /** What was touched, e.g. 'pupil', 'passport', 'ehc-plan', 'register'. */
  resource: string;
  pupilId?: string;
  detail?: string;
  /** Where the request came from (client IP as the server saw it). */
  from?: string;
};

export interface SendRecordsReader {
  /** False until the first full load has finished. */
  isReady(): boolean;
  /**
   * Changes whenever any record a read can return changes (the audit log excepted: every read appends to it),
   * so answers derived from the records can be kept until it does.
   */
  changeStamp(): string;
  pupils(): readonly Pupil[];
  pupil(id: string): Pupil | undefined;
  /**
   * A pupil with the version a change to their SEN status or needs quotes (the pupil item's eTag), and who
   * last changed them through the app.
   */
  pupilRecord(id: string): Versioned<Pupil> | undefined;
  /** Meetings about a pupil (annual reviews, multi-agency, parent meetings), newest first. */
  meetingsFor(pupilId: string): readonly Meeting[];
  /** One meeting by id (booked from SENCO Hub or recorded), whatever its status. */
  meeting(meetingId: string): Meeting | undefined;
  /** The current passport version. */
  passport(pupilId: string): Versioned<Passport> | undefined;
  passportHistory(pupilId: string): readonly Passport[];
  ehcPlan(pupilId: string): Versioned<EhcPlan> | undefined;
  /** One review record of the pupil's EHC plan, with its own version (what an update of its trail quotes). */
  ehcPlanReview(pupilId: string, reviewId: string): Versioned<Review> | undefined;
  senSupportPlan(pupilId: string): Versioned<SenSupportPlan> | undefined;
  /** A pupil's EHC needs assessment requests, oldest first. */
  needsAssessments(pupilId: string): readonly Versioned<EhcNeedsAssessment>[];
  accessArrangements(pupilId: string): readonly ExamAccessArrangement[];
  /** The same arrangements with the version a change to one quotes. */
  accessArrangementRecords(pupilId: string): readonly Versioned<ExamAccessArrangement>[];
  interventions(): readonly Versioned<Intervention>[];
  /**
   * A pupil's place in an intervention (measures, leaving date, attendance), with its own version: the one a
   * change to the pupil's measures quotes. The intervention's version does not change when measures do.
   */
  interventionPupil(interventionId: string, pupilId: string): Versioned<InterventionPupil> | undefined;
  /** The sessions recorded for an intervention, in the order they were recorded. */
  interventionSessions(interventionId: string): readonly InterventionSession[];
  professionals(): readonly ExternalProfessional[];
  professionalsFor(pupilId: string): readonly ExternalProfessional[];
  /** Referrals to services outside the school: a pupil's, or (no pupil) every pupil's; oldest sent first. */
  referrals(pupilId?: string): readonly Versioned<Referral>[];
  acknowledgements(pupilId: string): readonly PassportAcknowledgement[];
  taAssignments(): readonly TaAssignment[];
  settings(): Versioned<DomainSettings>;
  /**
   * Reads the audit log's recent window from SharePoint when first asked (not on start: only the SENCO's audit
   * view needs it), and brings it up to date on every later call. Call before `auditLog`.
   */
  refreshAuditLog(): Promise<void>;
  /** Newest first; only the SENCO may read it (enforced by the server). */
  auditLog(filter: { pupilId?: string; limit: number }): readonly AuditEntry[];
  /** Every audit entry about the pupil, however old, read from SharePoint; oldest first (subject access). */
  auditEntriesAbout(pupilId: string): Promise<readonly AuditEntry[]>;
}

export interface SendRecordsWriter {
  /** New passport version. Throws ConflictError (with the current version) if `expectedETag` is stale. */
  savePassport(input: {
    pupilId: string;
    content: PassportContent;
    expectedETag: string | undefined;
    by: Actor;
    today: CalendarDate;
  }): Promise<Versioned<Passport>>;
  /**
   * The current passport reviewed with nothing to change (rule in src/domain/passport.ts: reviewedPassport):
   * the same version, its review date and next due date updated in place, every "I've read this" kept.
   * Throws ConflictError (with the version now stored) if `expectedETag` is stale.
   */
  markPassportReviewed(input: {
    pupilId: string;
    expectedETag: string;
    by: Actor;
    today: CalendarDate;
  }): Promise<Versioned<Passport>>;
  acknowledgePassport(input: {
    pupilId: string;
    passportVersion: number;
    by: Actor;
    at: string;
  }): Promise<PassportAcknowledgement>;
  recordInterventionSession(session: InterventionSession): Promise<void>;
  /**
   * A pupil's SEN status and needs history, as given, all or nothing: the pupil is either as before or as
   * after, whatever fails or crashes on the way, and the change is in the audit log exactly when it was made.
   * History is only added to or closed (senHistoryWrites in src/domain/sen-record-change.ts): a change that
   * would remove, reopen or re-date it is a RangeError. Throws ConflictError (with the pupil as now stored)
   * if `expectedETag` is not the pupil's current version; any other failure leaves the pupil as before.
   */
  savePupilSen(input: {
    pupilId: string;
    senProvision: Pupil['senProvision'];
    needs: Pupil['needs'];
    expectedETag: string;
    by: Actor;
    /** The entry recording the change: written with it, once (by id; one is assigned if absent). */
    audit: AuditEntry;
  }): Promise<Versioned<Pupil>>;
  /**
   * A pupil's entry and exit measures and leaving date in an intervention, all three as given (undefined
   * clears one). Throws ConflictError (with the pupil's current measures) if `expectedETag` is stale.
   */
  saveInterventionMeasures(input: InterventionMeasuresInput): Promise<Versioned<InterventionPupil>>;
  /**
   * The pupil's EHC plan as given (src/domain/ehc-plan-changes.ts makes it, with its dated change), in one
   * write. `expectedETag` undefined records a first plan; a plan recorded meanwhile is a ConflictError. Otherwise
   * a stale `expectedETag` is a ConflictError with the plan as now stored.
   */
  saveEhcPlan(input: {
    plan: EhcPlan;
    expectedETag: string | undefined;
    by: Actor;
  }): Promise<Versioned<EhcPlan>>;
  /**
   * A review record of the plan as given (its trail: advice, meeting, report, LA decision, amended plan),
   * keeping what the booking of its meeting stored. `expectedETag` undefined: a new record (a review
   * recorded after the fact, with no Outlook event). A stale `expectedETag` is a ConflictError.
   */
  saveEhcPlanReview(input: {
    plan: Pick<EhcPlan, 'id' | 'pupilId'>;
    review: Review;
    expectedETag: string | undefined;
    by: Actor;
  }): Promise<Versioned<Review>>;
  /**
   * A pupil's first SEN support plan (sen-support-plan-writes.ts). Throws ConflictError (with the plan now
   * stored) if the pupil has one already.
   */
  createSenSupportPlan(input: { plan: SenSupportPlan; by: Actor }): Promise<Versioned<SenSupportPlan>>;
  /**
   * The whole SEN support plan as given (the plan stage, a review, a parent meeting: one item, one write).
   * Throws ConflictError (with the plan now stored) if `expectedETag` is stale.
   */
  saveSenSupportPlan(input: {
    plan: SenSupportPlan;
    expectedETag: string;
    by: Actor;
  }): Promise<Versioned<SenSupportPlan>>;
  /**
   * An exam access arrangement: created when `expectedETag` is undefined, else changed from that version
   * (access-arrangement-writes.ts). Throws ConflictError (with the arrangement now stored) if stale.
   */
  saveAccessArrangement(input: {
    arrangement: ExamAccessArrangement;
    expectedETag: string | undefined;
    by: Actor;
  }): Promise<Versioned<ExamAccessArrangement>>;
  saveSettings(input: {
    settings: DomainSettings;
    expectedETag: string;
    by: Actor;
  }): Promise<Versioned<DomainSettings>>;
  /** A new EHC needs assessment request (its id assigned). */
  createNeedsAssessment(input: {
    assessment: Omit<EhcNeedsAssessment, 'id'>;
    by: Actor;
  }): Promise<Versioned<EhcNeedsAssessment>>;
  /**
   * A request's milestones, as given. Throws ConflictError (with the request as now stored) if
   * `expectedETag` is stale, RangeError if there is no such request.
   */
  updateNeedsAssessment(input: {
    assessment: EhcNeedsAssessment;
    expectedETag: string;
    by: Actor;
  }): Promise<Versioned<EhcNeedsAssessment>>;
  /**
   * A new intervention with its pupils (intervention-writes.ts): nothing shows until all of it is stored.
   * Sent again with the same id, it finishes what is missing and answers the intervention as stored.
   */
  createIntervention(input: { intervention: Intervention; by: Actor }): Promise<Versioned<Intervention>>;
  /** Everything but the pupils, as given; an end date ends it. ConflictError if `expectedETag` is stale. */
  updateIntervention(input: {
    id: string;
    details: Omit<Intervention, 'id' | 'pupils'>;
    expectedETag: string;
    by: Actor;
  }): Promise<Versioned<Intervention>>;
  /** A pupil joins (or, having left, rejoins) an intervention; RangeError if they are in it already. */
  addInterventionPupil(input: {
    interventionId: string;
    pupil: InterventionPupil;
    by: Actor;
  }): Promise<Versioned<InterventionPupil>>;
  /** A professional (created once by id), linked to the pupil when one is given. */
  addProfessional(input: {
    professional: ExternalProfessional;
    pupilId?: string;
    by: Actor;
  }): Promise<ExternalProfessional>;
  /** A professional involved with a pupil; linking twice changes nothing. */
  linkProfessional(input: { pupilId: string; professionalId: string; by: Actor }): Promise<void>;
  /** A new referral, stored once by id. */
  addReferral(input: { referral: Referral; by: Actor }): Promise<Versioned<Referral>>;
  /** A referral as given (reports received, closed). ConflictError if `expectedETag` is stale. */
  updateReferral(input: {
    referral: Referral;
    expectedETag: string;
    by: Actor;
  }): Promise<Versioned<Referral>>;
  /** Written in batches, one item each; resolves once SharePoint has them. */
  appendAudit(entries: readonly AuditEntry[]): Promise<void>;
  /**
   * The entries of one send as one item, keyed by `groupId` (stored once however often it is sent); all of them
   * or none. Their text must fit one item (`auditGroupFits`, audit-log-list.ts). Readers see the entries.
   */
  appendAuditGroup(groupId: string, entries: readonly (AuditEntry & { id: string })[]): Promise<void>;
  /** Booking, moving and cancelling meetings in Outlook, and noticing changes made there (meeting-bookings.ts). */
  meetingBookings(): MeetingBookings;
}

export type SendRecords = SendRecordsReader & SendRecordsWriter;
