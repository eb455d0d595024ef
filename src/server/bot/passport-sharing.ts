import { yearGroupLabel } from '../../cards/card-format.ts';
import {
  noAccessView,
  passportView,
  sharedPassportCard,
  SHOW_PASSPORT_VERB,
  type AdaptiveCard,
  type Audience,
  type SharedPupil,
} from '../../cards/passport-cards.ts';
import { searchResultPreview } from '../../cards/search-preview.ts';
import { pupilIdFromLink, type TabLinkOptions } from '../../cards/tab-links.ts';
import type { CalendarDate } from '../../domain/calendar-date.ts';
import { pupilDisplayName, pupilYearGroupOn, type Pupil } from '../../domain/pupil.schema.ts';
import type { Directory } from '../../graph/directory.ts';
import type { AuditEntry, SendRecords } from '../../graph/send-records.ts';
import type { StaffAccounts } from '../../graph/staff-accounts.ts';
import { mayUseSencoHub, pupilAccess } from '../access/access-policy.ts';
import type { Caller } from '../access/caller.ts';
import { classPupilView } from '../access/pupil-views.ts';
import type { AuditLogger } from '../audit/audit-logger.ts';
import { classNamesOf } from '../api/pupil-lookup.ts';
import { resolveBotCaller, type BotActivityIdentity } from './bot-caller.ts';
import { findPupils, queryWords } from './pupil-search.ts';

/**
 * The message extension's answers: search, the chosen result, a link to a pupil, and each person's own view
 * of a shared card. Every answer is for the person who asked, decided by the API's rules; the card that goes
 * into the chat is built from the pupil's first name, last initial and id only, so no answer can put passport
 * text, needs, a UPN or a date of birth into the shared copy.
 */
export type PassportSharingDeps = {
  records: SendRecords;
  directory: Directory;
  accounts: StaffAccounts;
  audit: AuditLogger;
  clock: { now(): Date; today(): CalendarDate };
  schoolTenantId: string;
  tabLink: TabLinkOptions;
};

export type ComposeExtensionResult = {
  composeExtension:
    { type: 'result'; attachmentLayout: 'list'; attachments: object[] } | { type: 'message'; text: string };
};

export type CardActionResult =
  | { statusCode: 200; type: 'application/vnd.microsoft.card.adaptive'; value: AdaptiveCard }
  | {
      statusCode: 400 | 500;
      type: 'application/vnd.microsoft.error';
      value: { code: string; message: string };
    };

/** Refused before anything else: the activity is not from the school's tenant. */
export class OtherTenantError extends Error {
  override name = 'OtherTenantError';
}

const message = (text: string): ComposeExtensionResult => ({ composeExtension: { type: 'message', text } });
export const NO_PUPILS_FOUND = 'No pupils found.';
export const NOT_FOR_YOU = 'SENCO Hub is for school staff.';
export const STILL_LOADING = 'SENCO Hub is still loading the school’s records. Try again in a few seconds.';

function sharedPupil(pupil: Pupil): SharedPupil {
  return {
    pupilId: pupil.id,
    firstName: pupil.preferredForename ?? pupil.legalForename,
    lastName: pupil.legalSurname,
  };
}

export function createPassportSharing(deps: PassportSharingDeps) {
  /** The caller, or the answer to give instead. */
  async function callerOf(activity: BotActivityIdentity): Promise<Caller | { refuse: string }> {
    if (!deps.records.isReady()) return { refuse: STILL_LOADING };
    const found = await resolveBotCaller({
      activity,
      schoolTenantId: deps.schoolTenantId,
      accounts: deps.accounts,
      directory: deps.directory,
      records: deps.records,
      today: deps.clock.today(),
    });
    if (found.kind === 'other-tenant')
      throw new OtherTenantError('The activity is not from the school’s tenant');
    if (found.kind === 'unknown-user' || !mayUseSencoHub(found.caller)) return { refuse: NOT_FOR_YOU };
    return found.caller;
  }

  function sharedAttachment(pupil: Pupil, audience: Audience) {
    return {
      contentType: 'application/vnd.microsoft.card.adaptive',
      content: sharedPassportCard(sharedPupil(pupil), audience, deps.tabLink),
    };
  }

  return {
    /** composeExtension/query: the pupils the caller may see, as a list with name, year and class. */
    async query(
      activity: BotActivityIdentity & { value?: unknown },
      audience: () => Promise<Audience>,
    ): Promise<ComposeExtensionResult> {
      const caller = await callerOf(activity);
      if ('refuse' in caller) return message(caller.refuse);
      const value = (activity.value ?? {}) as {
        parameters?: { name?: unknown; value?: unknown }[];
        queryOptions?: { skip?: unknown; count?: unknown };
      };
      const parameters = Array.isArray(value.parameters) ? value.parameters : [];
      const initialRun = parameters.some((p) => p?.name === 'initialRun');
      const typed = parameters.find((p) => p?.name === 'q')?.value;
      const today = deps.clock.today();
      const found = findPupils({
        caller,
        pupils: deps.records.pupils(),
        today,
        words: initialRun ? [] : queryWords(typed),
        skip: value.queryOptions?.skip as number | undefined,
        count: value.queryOptions?.count as number | undefined,
      });
      if (found.pupils.length === 0) return message(NO_PUPILS_FOUND);
      const [classNames, members] = await Promise.all([classNamesOf(deps.directory), audience()]);
      return {
        composeExtension: {
          type: 'result',
          attachmentLayout: 'list',
          attachments: found.pupils.map((pupil) => ({
            ...sharedAttachment(pupil, members),
            preview: searchResultPreview({
              pupilId: pupil.id,
              displayName: pupilDisplayName(pupil),
              yearGroupLabel: yearGroupLabel(pupilYearGroupOn(pupil, today)),
              classNames: pupil.classIds.map((id) => classNames.get(id) ?? ''),
            }),
          })),
        },
      };
    },

    /** composeExtension/selectItem and queryLink: the shared card for a pupil the caller may see. */
    async cardFor(
      activity: BotActivityIdentity,
      pupilId: unknown,
      audience: () => Promise<Audience>,
    ): Promise<ComposeExtensionResult> {
      const caller = await callerOf(activity);
      if ('refuse' in caller) return message(caller.refuse);
      const pupil = typeof pupilId === 'string' ? deps.records.pupil(pupilId) : undefined;
      if (!pupil || pupilAccess(caller, pupil, deps.clock.today()) === 'none')
        return message(NO_PUPILS_FOUND);
      return {
        composeExtension: {
          type: 'result',
          attachmentLayout: 'list',
          attachments: [sharedAttachment(pupil, await audience())],
        },
      };
    },

    /** The pupil a link names, if it is a link into our tab. */
    pupilIdOfLink(url: unknown): string | undefined {
      return typeof url === 'string' ? pupilIdFromLink(url, deps.tabLink) : undefined;
    },

    /**
     * adaptiveCard/action with our verb (a refresh, or "Show passport"): this person's own view. The passport
     * for the SEND team and the pupil's teachers and assigned TAs; for anyone else, that they have no access.
     * Each passport shown is audited as a read.
     */
    async personalView(
      activity: BotActivityIdentity & { value?: unknown },
      audience: () => Promise<Audience>,
    ): Promise<CardActionResult> {
      const action = (activity.value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action;
      const pupilId = (action?.data as { pupilId?: unknown } | undefined)?.pupilId;
      if (action?.verb !== SHOW_PASSPORT_VERB || typeof pupilId !== 'string') {
        return {
          statusCode: 400,
          type: 'application/vnd.microsoft.error',
          value: { code: 'BadRequest', message: 'SENCO Hub does not know this card action.' },
        };
      }
      const caller = await callerOf(activity);
      const pupil = deps.records.pupil(pupilId);
      const today = deps.clock.today();
      const members = await audience();
      const access = pupil && !('refuse' in caller) ? pupilAccess(caller, pupil, today) : 'none';
      if (!pupil || 'refuse' in caller || access === 'none') {
        return card(noAccessView(pupil ? sharedPupil(pupil) : undefined, members));
      }
      const view = classPupilView({
        pupil,
        classNames: await classNamesOf(deps.directory),
        today,
        passport: deps.records.passport(pupil.id),
        examAccessArrangements: [],
        acknowledgements: [],
        callerUserId: caller.userId,
      });
      // Durable before the passport is shown (the audit journal is written first).
      await deps.audit.record(auditRead(caller, pupil.id, deps.clock.now()));
      return card(
        passportView(
          sharedPupil(pupil),
          {
            displayName: view.displayName,
            yearGroupLabel: yearGroupLabel(view.yearGroup),
            classNames: view.classes.map((c) => c.displayName),
            passport: view.passport ?? undefined,
          },
          members,
          deps.tabLink,
        ),
      );
    },
  };
}

function card(value: AdaptiveCard): CardActionResult {
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value };
}

function auditRead(caller: Caller, pupilId: string, now: Date): AuditEntry {
  return {
    at: now.toISOString(),
    actor: { userId: caller.userId, upn: caller.upn },
    action: 'read',
    resource: 'passport',
    pupilId,
    detail: 'Teams card',
  };
}

export type PassportSharing = ReturnType<typeof createPassportSharing>;
