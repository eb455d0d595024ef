import { ACCESS_ARRANGEMENTS_LIST } from './access-arrangements-list.ts';
import { AUDIT_LOG_LIST } from './audit-log-list.ts';
import { BOT_CONVERSATIONS_LIST } from './bot-conversations-list.ts';
import { CHANGE_JOURNAL_LIST } from './change-journal.ts';
import { EHC_PLAN_REVIEWS_LIST, EHC_PLANS_LIST } from './ehc-plans-list.ts';
import {
  INTERVENTION_PUPILS_LIST,
  INTERVENTION_SESSIONS_LIST,
  INTERVENTIONS_LIST,
} from './interventions-list.ts';
import type { ListDefinition, ListKey } from './list-definition.ts';
import { MEETINGS_LIST } from './meetings-list.ts';
import { PASSPORT_ACKNOWLEDGEMENTS_LIST, PASSPORTS_LIST } from './passports-list.ts';
import { NEEDS_ASSESSMENTS_LIST } from './needs-assessments-list.ts';
import { PROFESSIONALS_LIST, PUPIL_PROFESSIONALS_LIST, REFERRALS_LIST } from './professionals-list.ts';
import { NEEDS_LIST, PUPILS_LIST, SEN_STATUS_LIST } from './pupils-list.ts';
import { REMINDER_LOG_LIST } from './reminder-log-list.ts';
import { SEN_SUPPORT_PLANS_LIST } from './sen-support-plans-list.ts';
import { SETTINGS_LIST } from './settings-list.ts';
import { TA_ASSIGNMENTS_LIST } from './ta-assignments-list.ts';

/**
 * The SENCO Hub site's lists and columns, versioned. Provisioning (site-provisioning.ts) brings a site up to
 * `version`: it creates lists and columns with `since` ≤ version, never removes or retypes anything, and
 * records the version in the settings list. Bump SCHEMA_VERSION when adding a list, a column or a choice.
 */

export type SiteSchema = { version: number; lists: readonly ListDefinition[] };

/**
 * v2: who changed a pupil's SEN status or needs (Pupils: ChangedByUserId, ChangedByName, WriteId).
 * v3: the bot's conversations (Bot Conversations); columns SharePoint reserves renamed: Passports' Version →
 * VersionNumber, Passport Acknowledgements' Name → ReaderName (the old columns stay on sites that have them and
 * are read for items written before); a change to a pupil's SEN status or needs is committed in one item
 * (Pupils: SenChange).
 * v4: meetings booked in Outlook from SENCO Hub (Meetings: Status, Purpose, Actions, OutlookICalUId,
 * TeamsJoinUrl, OrganizerUserId); the change journal (SENCO Hub Change Journal), which lists SENCO Hub's own
 * writes touched, so idle instances watch one list instead of every list; EHC needs assessment requests and their
 * milestones (EHC Needs Assessments); reminders claimed before they are sent and marked sent after
 * (Reminder Log: Status, ClaimToken, ClaimedAt, Attempts, LastError, Card); EHC plans written in the
 * app (EHC Plans: Origin, Placement, Outcomes, Provision, CeaseDecision, Changes); the provision map and
 * referrals written in the app (Interventions: CostPerSession; Professionals and Pupil Professionals: ChangedByUserId,
 * ChangedByName, WriteId; the early help profession; Referrals); the layer of support of a
 * SEN support plan (SEN Support Plans: Layer).
 * v5: a conversation Teams said is gone — the bot removed, the channel or team deleted (Bot Conversations:
 * GoneAt, GoneReason); an intervention's sessions numbered within a day, so one run twice a day records both
 * (Intervention Sessions: SessionNumber).
 * v6: the audit entries of one send to SharePoint kept in one item (Audit Log: Entries), so a class view costs one
 * item, not one per pupil.
 */
export const SCHEMA_VERSION = 6;

export const SENCO_HUB_SCHEMA: SiteSchema = {
  version: SCHEMA_VERSION,
  // Settings first: provisioning records its progress there.
  lists: [
    SETTINGS_LIST,
    PUPILS_LIST,
    SEN_STATUS_LIST,
    NEEDS_LIST,
    PASSPORTS_LIST,
    PASSPORT_ACKNOWLEDGEMENTS_LIST,
    SEN_SUPPORT_PLANS_LIST,
    EHC_PLANS_LIST,
    EHC_PLAN_REVIEWS_LIST,
    NEEDS_ASSESSMENTS_LIST,
    MEETINGS_LIST,
    PROFESSIONALS_LIST,
    PUPIL_PROFESSIONALS_LIST,
    REFERRALS_LIST,
    INTERVENTIONS_LIST,
    INTERVENTION_PUPILS_LIST,
    INTERVENTION_SESSIONS_LIST,
    ACCESS_ARRANGEMENTS_LIST,
    TA_ASSIGNMENTS_LIST,
    REMINDER_LOG_LIST,
    AUDIT_LOG_LIST,
    BOT_CONVERSATIONS_LIST,
    CHANGE_JOURNAL_LIST,
  ],
};

export function listDefinition(schema: SiteSchema, key: ListKey): ListDefinition {
  const list = schema.lists.find((l) => l.key === key);
  if (!list) throw new RangeError(`The schema has no '${key}' list`);
  return list;
}
