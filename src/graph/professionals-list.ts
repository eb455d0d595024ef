import { PROFESSIONS, type ExternalProfessional } from '../domain/professional.schema.ts';
import type { Referral } from '../domain/referral.schema.ts';
import {
  CHANGED_BY_COLUMNS,
  choiceColumn,
  dateColumn,
  jsonColumn,
  noteColumn,
  textColumn,
  type ListDefinition,
} from './list-definition.ts';
import { fieldReader, jsonValue, opt, titleValue, type Fields, type SharePointItem } from './list-fields.ts';

/**
 * People outside the school who advise on pupils, which pupils each is involved with (one item per link),
 * and the referrals the school makes to their services (one item per referral; reports received as JSON).
 */

/** Who changed an item, on lists that had no such columns before version 4. */
const CHANGED_BY_SINCE_4 = CHANGED_BY_COLUMNS.map((c) => ({ ...c, since: 4 }));

export const PROFESSIONALS_LIST: ListDefinition = {
  key: 'professionals',
  displayName: 'SENCO Hub Professionals',
  description: 'External professionals: educational psychologists, therapists, LA officers (SENCO Hub).',
  keyColumn: 'ProfessionalId',
  since: 1,
  columns: [
    textColumn('ProfessionalId', { unique: true }),
    choiceColumn('Profession', PROFESSIONS, { indexed: true }),
    textColumn('Organisation'),
    textColumn('Email', { indexed: true }),
    textColumn('Phone'),
    noteColumn('Notes'),
    ...CHANGED_BY_SINCE_4,
  ],
};

export const PUPIL_PROFESSIONALS_LIST: ListDefinition = {
  key: 'pupilProfessionals',
  displayName: 'SENCO Hub Pupil Professionals',
  description: 'Which professionals are involved with which pupils (SENCO Hub).',
  keyColumn: 'LinkKey',
  since: 1,
  columns: [
    textColumn('LinkKey', { unique: true, description: 'PupilId|ProfessionalId' }),
    textColumn('PupilId', { indexed: true }),
    textColumn('ProfessionalId', { indexed: true }),
    ...CHANGED_BY_SINCE_4,
  ],
};

export const REFERRALS_LIST: ListDefinition = {
  key: 'referrals',
  displayName: 'SENCO Hub Referrals',
  description: 'Referrals to services outside the school, and the reports received (SENCO Hub).',
  keyColumn: 'ReferralId',
  since: 4,
  columns: [
    textColumn('ReferralId', { unique: true, since: 4 }),
    textColumn('PupilId', { indexed: true, since: 4 }),
    choiceColumn('Service', PROFESSIONS, { since: 4 }),
    textColumn('ProfessionalId', { since: 4 }),
    dateColumn('SentOn', { since: 4 }),
    noteColumn('Question', { since: 4 }),
    dateColumn('ResponseDueOn', { indexed: true, since: 4 }),
    jsonColumn('Reports', { since: 4, description: 'Reports received: date, title, summary, as JSON' }),
    dateColumn('ClosedOn', { since: 4 }),
    ...CHANGED_BY_SINCE_4,
  ],
};

export function referralToFields(r: Referral): Fields {
  return {
    Title: titleValue(`Referral to ${r.service}`),
    ReferralId: r.id,
    PupilId: r.pupilId,
    Service: r.service,
    ProfessionalId: opt(r.professionalId),
    SentOn: r.sentOn,
    Question: r.question,
    ResponseDueOn: r.responseDueOn,
    Reports: jsonValue(r.reports),
    ClosedOn: opt(r.closedOn),
  };
}

/** Unchecked: the replica parses it with referralSchema. */
export function referralFromItem(item: SharePointItem): Record<string, unknown> & { id: string } {
  const f = fieldReader(REFERRALS_LIST, item);
  return {
    id: f.text('ReferralId'),
    pupilId: f.text('PupilId'),
    service: f.text('Service'),
    professionalId: f.optionalText('ProfessionalId'),
    sentOn: f.date('SentOn'),
    question: f.text('Question'),
    responseDueOn: f.date('ResponseDueOn'),
    reports: f.json('Reports') ?? [],
    closedOn: f.optionalDate('ClosedOn'),
  };
}

export type PupilProfessionalLink = { pupilId: string; professionalId: string };

export function professionalToFields(p: ExternalProfessional): Fields {
  return {
    Title: titleValue(p.name),
    ProfessionalId: p.id,
    Profession: p.profession,
    Organisation: p.organisation,
    Email: opt(p.email),
    Phone: opt(p.phone),
    Notes: opt(p.notes),
  };
}

/** Unchecked: the replica parses it with externalProfessionalSchema. */
export function professionalFromItem(item: SharePointItem): Record<string, unknown> {
  const f = fieldReader(PROFESSIONALS_LIST, item);
  return {
    id: f.text('ProfessionalId'),
    name: f.text('Title'),
    profession: f.text('Profession'),
    organisation: f.text('Organisation'),
    email: f.optionalText('Email'),
    phone: f.optionalText('Phone'),
    notes: f.optionalText('Notes'),
  };
}

export const pupilProfessionalKey = (link: PupilProfessionalLink) => `${link.pupilId}|${link.professionalId}`;

export function pupilProfessionalToFields(link: PupilProfessionalLink): Fields {
  return {
    Title: titleValue(pupilProfessionalKey(link)),
    LinkKey: pupilProfessionalKey(link),
    PupilId: link.pupilId,
    ProfessionalId: link.professionalId,
  };
}

export function pupilProfessionalFromItem(item: SharePointItem): PupilProfessionalLink {
  const f = fieldReader(PUPIL_PROFESSIONALS_LIST, item);
  return { pupilId: f.text('PupilId'), professionalId: f.text('ProfessionalId') };
}
