import type { Request, Response } from 'express';
import type { AppRoleName } from '../../contract/settings.ts';
import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { AppRoleHolders } from '../../graph/app-role-holders.ts';
import type { Directory } from '../../graph/directory.ts';
import type { OutlookCalendar } from '../../graph/outlook-calendar.ts';
import type { Actor, AuditEntry, SendRecords } from '../../graph/send-records.ts';
import type { Caller } from '../access/caller.ts';
import type { AuditLogger } from '../audit/audit-logger.ts';
import type { Principal, TokenValidator } from '../auth/token-validator.ts';
import type { OutlookCheckPort } from './outlook-check-port.ts';
import type { RemindersPort } from './reminders-port.ts';
import type { RetentionJob } from '../retention/retention-job.ts';

/** What the API is built from; the composition root (src/server/main.ts) supplies it. */
export type ApiDeps = {
  records: SendRecords;
  directory: Directory;
  audit: AuditLogger;
  validateToken: TokenValidator;
  /**
   * The signed-in person's own Outlook calendar, through a delegated Graph token exchanged on behalf of them
   * from `assertion` (the token they sent us). Never app-only.
   */
  calendarFor: (userId: string, assertion: string) => OutlookCalendar;
  /** The server's clock. `today` is the school's calendar date (Europe/London). */
  clock: { now(): Date; today(): CalendarDate };
  /**
   * Who holds which SENCO Hub app role, from Microsoft Entra: the settings screen reads it whether or not
   * reminders are set up (absent in API tests that do not need it).
   */
  roleHolders?: Pick<AppRoleHolders<AppRoleName>, 'all'>;
  /** Reminders into the staff channel (absent in API tests that do not need them). */
  reminders?: RemindersPort;
  /** Deleting records whose retention period is over, now (absent in API tests that do not need it). */
  retention?: Pick<RetentionJob, 'run'>;
  /** The periodic check of meetings moved or cancelled in Outlook (absent in API tests that do not need it). */
  outlookCheck?: OutlookCheckPort;
  /** The head teacher from the directory, invited to annual reviews (reg 20(2)(b)); absent: added by hand. */
  headTeacher?: () => Promise<{ name: string; email: string } | undefined>;
};

/** Who is asking, and when, fixed once per request. */
export type RequestContext = {
  principal: Principal;
  caller: Caller;
  today: CalendarDate;
  now: Date;
  /** The client address as the server saw it (behind a proxy: the forwarded one, see 'trust proxy'). */
  from: string | undefined;
};

const CONTEXT = 'sencoHub';

export function setContext(res: Response, context: RequestContext): void {
  res.locals[CONTEXT] = context;
}

export function contextOf(res: Response): RequestContext {
  const context = res.locals[CONTEXT] as RequestContext | undefined;
  if (!context) throw new Error('No request context: the API router’s caller middleware did not run.');
  return context;
}

export function actorOf(context: RequestContext): Actor {
  return { userId: context.caller.userId, upn: context.caller.upn, name: context.caller.name };
}

/** One audit entry for this request: who, what, which pupil, when, from where. */
export function auditEntry(
  context: RequestContext,
  what: Pick<AuditEntry, 'action' | 'resource'> & { pupilId?: string; detail?: string },
): AuditEntry {
  return {
    at: context.now.toISOString(),
    actor: { userId: context.caller.userId, upn: context.caller.upn },
    action: what.action,
    resource: what.resource,
    ...(what.pupilId !== undefined ? { pupilId: what.pupilId } : {}),
    ...(what.detail !== undefined ? { detail: what.detail } : {}),
    ...(context.from !== undefined ? { from: context.from } : {}),
  };
}

/**
 * The detail of an entry for an answer that lists several pupils: who was in it, so a search of the log
 * for a pupil's id finds every list they were shown in.
 */
export function listedPupils(pupilIds: readonly string[], prefix?: string): string {
  const listed = `${pupilIds.length} ${pupilIds.length === 1 ? 'pupil' : 'pupils'}: ${pupilIds.join(', ')}`;
  return prefix ? `${prefix}; ${listed}` : listed;
}

/** Route parameters are strings in Express 5's types only when present; ours always are. */
export function param(req: Request, name: string): string {
  const value = req.params[name];
  if (typeof value !== 'string') throw new Error(`Route parameter ${name} is missing`);
  return value;
}
