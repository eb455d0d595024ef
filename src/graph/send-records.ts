/**
 * The seam between the server and SharePoint: SEND records as domain types, read from an in-memory replica
 * (kept current by Graph delta queries) and written to SharePoint first, then to the replica.
 * src/graph implements it (send-records-replica.ts); src/server uses only this interface, so its tests can
 * run on the real implementation over the local stand-in or on a fake.
 *
 * Additive changes are fine; say so in the closing note of the work that makes them.
 */
import type { DomainSettings } from '../domain/domain-settings.ts';
import type { EhcPlan } from '../domain/ehc-plan.schema.ts';
import type { ExamAccessArrangement } from '../domain/exam-access.schema.ts';
import type { Intervention } from '../domain/intervention.schema.ts';
import type { Passport, PassportContent } from '../domain/passport.schema.ts';
import type { ExternalProfessional } from '../domain/professional.schema.ts';
import type { Pupil } from '../domain/pupil.schema.ts';
import type { SenSupportPlan } from '../domain/sen-support-plan.schema.ts';
import type { CalendarDate } from '../domain/calendar-date.ts';

/** A record as last read, with the version tag a write must quote (SharePoint's eTag) and who changed it. */
export type Versioned<T> = { value: T; eTag: string; modifiedAt: string; modifiedBy: string | undefined };

/** Who is acting, for "modified by" and the audit log. */
export type Actor = { userId: string; upn: string; name: string };

/** A class teacher or TA confirming they have read a pupil's passport. */
export type PassportAcknowledgement = { pupilId: string; passportVersion: number; userId: string; name: string; at: string };

/** A teaching assistant assigned by the SENCO to support a pupil. */
export type TaAssignment = { pupilId: string; staffUserId: string; from: CalendarDate; to?: CalendarDate };

/** One delivered intervention session, recorded by the member of staff who ran it. */
export type InterventionSession = {
  interventionId: string;
  date: CalendarDate;
  attendedPupilIds: string[];
  absentPupilIds: string[];
  note?: string;
  recordedBy: Actor;
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
  pupils(): readonly Pupil[];
  pupil(id: string): Pupil | undefined;
  /** The current passport version. */
  passport(pupilId: string): Versioned<Passport> | undefined;
  passportHistory(pupilId: string): readonly Passport[];
  ehcPlan(pupilId: string): Versioned<EhcPlan> | undefined;
  senSupportPlan(pupilId: string): Versioned<SenSupportPlan> | undefined;
  accessArrangements(pupilId: string): readonly ExamAccessArrangement[];
  interventions(): readonly Versioned<Intervention>[];
  professionals(): readonly ExternalProfessional[];
  professionalsFor(pupilId: string): readonly ExternalProfessional[];
  acknowledgements(pupilId: string): readonly PassportAcknowledgement[];
  taAssignments(): readonly TaAssignment[];
  settings(): Versioned<DomainSettings>;
  /** Newest first; only the SENCO may read it (enforced by the server). */
  auditLog(filter: { pupilId?: string; limit: number }): readonly AuditEntry[];
}

export interface SendRecordsWriter {
  /** New passport version. Throws ConflictError (with the current version) if `expectedETag` is stale. */
  savePassport(input: { pupilId: string; content: PassportContent; expectedETag: string | undefined; by: Actor; today: CalendarDate }): Promise<Versioned<Passport>>;
  acknowledgePassport(input: { pupilId: string; passportVersion: number; by: Actor; at: string }): Promise<PassportAcknowledgement>;
  recordInterventionSession(session: InterventionSession): Promise<void>;
  saveSettings(input: { settings: DomainSettings; expectedETag: string; by: Actor }): Promise<Versioned<DomainSettings>>;
  /** Written in batches; resolves once SharePoint has them. */
  appendAudit(entries: readonly AuditEntry[]): Promise<void>;
}

export type SendRecords = SendRecordsReader & SendRecordsWriter;
