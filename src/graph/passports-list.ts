import type { Passport, PassportAcknowledgement } from '../domain/passport.schema.ts';
import {
  CHANGED_BY_COLUMNS,
  dateColumn,
  dateTimeColumn,
  integerColumn,
  jsonColumn,
  noteColumn,
  textColumn,
  type ListDefinition,
} from './list-definition.ts';
import { fieldReader, opt, titleValue, type Fields, type SharePointItem } from './list-fields.ts';

/**
 * Pupil passports: one item per version, so history is kept. VersionKey (PupilId#Version) is unique, which is
 * what stops two people saving "version 4" of the same passport at once: SharePoint refuses the second create
 * (with 500, not 409), the key is read back (create-once.ts), and another writer's item there becomes a
 * ConflictError. JSON columns: Strengths, WhatIFindHard, WhatHelpsMe, AccessArrangements
 * (lists of statements).
 */

export const PASSPORTS_LIST: ListDefinition = {
  key: 'passports',
  displayName: 'SENCO Hub Passports',
  description: 'Pupil passports (one-page profiles), one item per version (SENCO Hub).',
  keyColumn: 'VersionKey',
  since: 1,
  columns: [
    textColumn('VersionKey', { unique: true, description: 'PupilId#Version' }),
    textColumn('PassportId', { indexed: true }),
    textColumn('PupilId', { indexed: true }),
    // 'Version' (v1–2) is the title of SharePoint's own _UIVersionString, so SharePoint refuses it; sites that
    // have it keep it unused, and items written before v3 are read by their VersionKey.
    integerColumn('VersionNumber', { since: 3 }),
    noteColumn('AboutMe'),
    jsonColumn('Strengths'),
    jsonColumn('WhatIFindHard'),
    jsonColumn('WhatHelpsMe'),
    noteColumn('Communication'),
    jsonColumn('AccessArrangements'),
    dateColumn('ReviewedOn'),
    dateColumn('ReviewDueOn', { indexed: true }),
    textColumn('UpdatedBy'),
    ...CHANGED_BY_COLUMNS,
  ],
};

export const PASSPORT_ACKNOWLEDGEMENTS_LIST: ListDefinition = {
  key: 'passportAcknowledgements',
  displayName: 'SENCO Hub Passport Acknowledgements',
  description: 'Staff confirmations that they have read a passport version (SENCO Hub).',
  keyColumn: 'AckKey',
  since: 1,
  columns: [
    textColumn('AckKey', { unique: true, description: 'PupilId#Version#UserId' }),
    textColumn('PupilId', { indexed: true }),
    integerColumn('PassportVersion'),
    textColumn('UserId', { indexed: true }),
    // 'Name' (v1–2) is the title of SharePoint's own FileLeafRef; items written before v3 are read by their Title.
    textColumn('ReaderName', { since: 3 }),
    dateTimeColumn('AcknowledgedAt'),
  ],
};

export const passportVersionKey = (pupilId: string, version: number) => `${pupilId}#${version}`;

/** VersionNumber (v3); on an item written before v3 (whose 'Version' column is not read), the number in VersionKey. */
function versionNumber(item: SharePointItem): unknown {
  const fields = item.fields ?? {};
  if (fields['VersionNumber'] !== undefined && fields['VersionNumber'] !== null)
    return fields['VersionNumber'];
  const key = fields['VersionKey'];
  const fromKey = typeof key === 'string' ? /#(\d+)$/.exec(key)?.[1] : undefined;
  return fromKey === undefined ? undefined : Number(fromKey);
}

/** The reader's name on an acknowledgement written before v3 (no ReaderName): its Title, 'Name: passport vN'. */
function readerNameFromTitle(item: SharePointItem): string | undefined {
  const title = item.fields?.['Title'];
  const match = typeof title === 'string' ? /^(.*): passport v\d+$/.exec(title) : null;
  return match?.[1] || undefined;
}

export function passportToFields(
  passport: Passport,
  change?: { userId: string; name: string; writeId: string },
): Fields {
  const list = (items: readonly string[]) => (items.length ? JSON.stringify(items) : null);
  return {
    Title: titleValue(`Passport v${passport.version}`),
    VersionKey: passportVersionKey(passport.pupilId, passport.version),
    PassportId: passport.id,
    PupilId: passport.pupilId,
    VersionNumber: passport.version,
    AboutMe: passport.aboutMe,
    Strengths: list(passport.strengths),
    WhatIFindHard: list(passport.whatIFindHard),
    WhatHelpsMe: list(passport.whatHelpsMe),
    Communication: opt(passport.communication),
    AccessArrangements: list(passport.accessArrangements),
    ReviewedOn: passport.reviewedOn,
    ReviewDueOn: passport.reviewDueOn,
    UpdatedBy: opt(passport.updatedBy),
    ...(change
      ? { ChangedByUserId: change.userId, ChangedByName: change.name, WriteId: change.writeId }
      : {}),
  };
}

/** Unchecked: the replica parses it with passportSchema. */
export function passportFromItem(item: SharePointItem): Record<string, unknown> & { pupilId: string } {
  const f = fieldReader(PASSPORTS_LIST, item);
  return {
    id: f.text('PassportId'),
    pupilId: f.text('PupilId'),
    version: versionNumber(item),
    aboutMe: f.text('AboutMe'),
    strengths: f.json('Strengths') ?? [],
    whatIFindHard: f.json('WhatIFindHard') ?? [],
    whatHelpsMe: f.json('WhatHelpsMe') ?? [],
    communication: f.optionalText('Communication'),
    accessArrangements: f.json('AccessArrangements') ?? [],
    reviewedOn: f.date('ReviewedOn'),
    reviewDueOn: f.date('ReviewDueOn'),
    updatedBy: f.optionalText('UpdatedBy'),
  };
}

export const acknowledgementKey = (
  a: Pick<PassportAcknowledgement, 'pupilId' | 'passportVersion' | 'userId'>,
) => `${a.pupilId}#${a.passportVersion}#${a.userId}`;

export function acknowledgementToFields(a: PassportAcknowledgement): Fields {
  return {
    Title: titleValue(`${a.name}: passport v${a.passportVersion}`),
    AckKey: acknowledgementKey(a),
    PupilId: a.pupilId,
    PassportVersion: a.passportVersion,
    UserId: a.userId,
    ReaderName: a.name,
    AcknowledgedAt: a.at,
  };
}

export function acknowledgementFromItem(item: SharePointItem): PassportAcknowledgement {
  const f = fieldReader(PASSPORT_ACKNOWLEDGEMENTS_LIST, item);
  return {
    pupilId: f.text('PupilId'),
    passportVersion: f.number('PassportVersion'),
    userId: f.text('UserId'),
    name: f.optionalText('ReaderName') ?? readerNameFromTitle(item) ?? '',
    at: f.text('AcknowledgedAt'),
  };
}
