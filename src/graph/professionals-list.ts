import { PROFESSIONS, type ExternalProfessional } from '../domain/professional.schema.ts';
import { choiceColumn, noteColumn, textColumn, type ListDefinition } from './list-definition.ts';
import { fieldReader, opt, titleValue, type Fields, type SharePointItem } from './list-fields.ts';

/** People outside the school who advise on pupils, and which pupils each is involved with (one item per link). */

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
  ],
};

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
