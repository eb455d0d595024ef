import type { DomainSettings } from '../domain/domain-settings.ts';
import { nextPassportVersion, reviewedPassport } from '../domain/passport.ts';
import { passportSchema, type Passport, type PassportAcknowledgement } from '../domain/passport.schema.ts';
import { ConflictError } from './graph-request-error.ts';
import { sameETag } from './list-fields.ts';
import { acknowledgementToFields, passportToFields } from './passports-list.ts';
import { groupBy, inItemOrder, versioned, type RecordsContext, type ReplicaEntry } from './replica-lists.ts';
import type { SendRecords, Versioned } from './send-records.ts';

/**
 * Pupil passports: one item per version (`VersionKey` PupilId#Version is unique, so of two saves of version n
 * one lands and the other is a ConflictError), the current one read with its version; marking one reviewed
 * changes the current version's item with If-Match. Confirmations of reading are per version.
 */

export function passportRecords(ctx: RecordsContext, deps: { settings(): Versioned<DomainSettings> }) {
  const { mirror, newId } = ctx;

  const passportsView = mirror.view(['passports'], () => {
    const byPupil = new Map<string, { history: Passport[]; current: Versioned<Passport> }>();
    for (const [pupilId, entries] of groupBy(mirror.entries('passports').values(), (e) => e.row.pupilId)) {
      const parsed = entries
        .map((e) => ({ e, p: ctx.parse('passport', `${pupilId} item ${e.itemId}`, passportSchema, e.row) }))
        .filter((x): x is { e: ReplicaEntry<'passports'>; p: Passport } => x.p !== undefined)
        .sort((a, b) => a.p.version - b.p.version);
      const latest = parsed.at(-1);
      if (latest)
        byPupil.set(pupilId, { history: parsed.map((x) => x.p), current: versioned(latest.e, latest.p) });
    }
    return byPupil;
  });

  const acknowledgementsView = mirror.view(['passportAcknowledgements'], () =>
    groupBy(
      inItemOrder(mirror, 'passportAcknowledgements').map((e) => e.row),
      (a) => a.pupilId,
    ),
  );

  const current = (pupilId: string) => passportsView().get(pupilId)?.current;

  /** A stale version is a conflict, once the replica has looked again (it may be behind). */
  async function checkVersion(pupilId: string, expectedETag: string | undefined): Promise<void> {
    const stale = () => !sameETag(current(pupilId)?.eTag, expectedETag);
    if (stale()) {
      await mirror.syncLists(['passports']);
      if (stale()) throw new ConflictError('passport', current(pupilId));
    }
  }

  const records: Pick<
    SendRecords,
    | 'passport'
    | 'passportHistory'
    | 'acknowledgements'
    | 'savePassport'
    | 'markPassportReviewed'
    | 'acknowledgePassport'
  > = {
    passport: current,
    passportHistory: (pupilId) => passportsView().get(pupilId)?.history ?? [],
    acknowledgements: (pupilId) => acknowledgementsView().get(pupilId) ?? [],

    async savePassport({ pupilId, content, expectedETag, by, today }) {
      await checkVersion(pupilId, expectedETag);
      const previous = current(pupilId)?.value;
      const passport = passportSchema.parse(
        nextPassportVersion({
          ...(previous ? { previous } : {}),
          id: newId(),
          pupilId,
          content,
          reviewedOn: today,
          settings: deps.settings().value,
          updatedBy: by.name,
        }),
      );
      const writeId = newId();
      // One item per version, under a unique PupilId#Version: of two saves of version n, one lands.
      const item = await mirror.writes.createOnce(
        'passports',
        passportToFields(passport, { userId: by.userId, name: by.name, writeId }),
        `save passport v${passport.version} of pupil ${pupilId}`,
      );
      if (item.fields?.['WriteId'] !== writeId) {
        // Version taken by someone else first.
        await mirror.syncLists(['passports']);
        throw new ConflictError('passport', current(pupilId));
      }
      return versioned(mirror.applyOwn('passports', item), passport);
    },

    async markPassportReviewed({ pupilId, expectedETag, by, today }) {
      const what = `review of the passport of pupil ${pupilId}`;
      await checkVersion(pupilId, expectedETag);
      const stored = current(pupilId);
      const entry = mirror.find(
        'passports',
        (row) => row.pupilId === pupilId && row.version === stored?.value.version,
      );
      if (!stored || !entry) throw new ConflictError('passport', stored);
      const reviewed = reviewedPassport(stored.value, today, deps.settings().value);
      // Our own retried PATCH may have been applied before the retry was refused: patchIfMatch tells by WriteId.
      const item = await mirror.writes.patchIfMatch({
        key: 'passports',
        itemId: entry.itemId,
        fields: {
          ReviewedOn: reviewed.reviewedOn,
          ReviewDueOn: reviewed.reviewDueOn,
          ChangedByUserId: by.userId,
          ChangedByName: by.name,
          WriteId: newId(),
        },
        version: expectedETag,
        operation: `record the ${what}`,
        conflict: (now, cause) => {
          mirror.applyOwn('passports', now);
          return new ConflictError('passport', current(pupilId), { cause });
        },
      });
      mirror.applyOwn('passports', item);
      const saved = current(pupilId);
      if (!saved) throw new Error(`The ${what} was saved but could not be read back`);
      return saved;
    },

    async acknowledgePassport({ pupilId, passportVersion, by, at }) {
      const ack: PassportAcknowledgement = { pupilId, passportVersion, userId: by.userId, name: by.name, at };
      // Acknowledged already: the first acknowledgement stands.
      const item = await mirror.writes.createOnce(
        'passportAcknowledgements',
        acknowledgementToFields(ack),
        `acknowledge passport v${passportVersion} of pupil ${pupilId}`,
      );
      return mirror.applyOwn('passportAcknowledgements', item).row;
    },
  };
  return records;
}
