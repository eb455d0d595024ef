import {
  externalProfessionalSchema,
  type ExternalProfessional,
} from '../domain/professional.schema.ts';
import { referralSchema, type Referral } from '../domain/referral.schema.ts';
import { ConflictError } from './graph-request-error.ts';
import type { SharePointItem } from './list-fields.ts';
import type { ListWrites } from './list-writes.ts';
import {
  professionalToFields,
  pupilProfessionalToFields,
  referralToFields,
} from './professionals-list.ts';
import type { Actor, Versioned } from './send-records.ts';

/**
 * Writing professionals, their links to pupils and referrals. Each write is one item: a new professional,
 * link or referral is created once under its unique key (sent twice, stored once); a change to a referral
 * (a report received, closing it) is made with If-Match on its item, a stale version being a ConflictError.
 */

type Keys = 'professionals' | 'pupilProfessionals' | 'referrals';

export type ProfessionalWritesDeps = {
  writes: ListWrites<Keys>;
  newId: () => string;
  professional(id: string): ExternalProfessional | undefined;
  referralItem(id: string): { itemId: string } | undefined;
  referral(id: string): Versioned<Referral> | undefined;
  applyOwn(key: Keys, item: SharePointItem): void;
};

const changedBy = (by: Actor, writeId: string) => ({
  ChangedByUserId: by.userId,
  ChangedByName: by.name,
  WriteId: writeId,
});

export function professionalWrites(deps: ProfessionalWritesDeps) {
  const { writes } = deps;

  /** A professional involved with a pupil; linking twice changes nothing. */
  async function linkProfessional(input: { pupilId: string; professionalId: string; by: Actor }) {
    const link = { pupilId: input.pupilId, professionalId: input.professionalId };
    const item = await writes.createOnce(
      'pupilProfessionals',
      { ...pupilProfessionalToFields(link), ...changedBy(input.by, deps.newId()) },
      `link professional ${link.professionalId} to pupil ${link.pupilId}`,
    );
    deps.applyOwn('pupilProfessionals', item);
  }

  return {
    linkProfessional,

    /** A professional, linked to a pupil when `pupilId` is given (link after professional: never dangling). */
    async addProfessional(input: {
      professional: ExternalProfessional;
      pupilId?: string;
      by: Actor;
    }): Promise<ExternalProfessional> {
      const professional = externalProfessionalSchema.parse(input.professional);
      if (!deps.professional(professional.id)) {
        const item = await writes.createOnce(
          'professionals',
          { ...professionalToFields(professional), ...changedBy(input.by, deps.newId()) },
          `add professional ${professional.id}`,
        );
        deps.applyOwn('professionals', item);
      }
      if (input.pupilId !== undefined) {
        await linkProfessional({ pupilId: input.pupilId, professionalId: professional.id, by: input.by });
      }
      const saved = deps.professional(professional.id);
      if (!saved) throw new Error(`Professional ${professional.id} was saved but could not be read back`);
      return saved;
    },

    /** A new referral; sent again with the same id, stored once. */
    async addReferral(input: { referral: Referral; by: Actor }): Promise<Versioned<Referral>> {
      const referral = referralSchema.parse(input.referral);
      if (!deps.referralItem(referral.id)) {
        const item = await writes.createOnce(
          'referrals',
          { ...referralToFields(referral), ...changedBy(input.by, deps.newId()) },
          `add referral ${referral.id}`,
        );
        deps.applyOwn('referrals', item);
      }
      const saved = deps.referral(referral.id);
      if (!saved) throw new Error(`Referral ${referral.id} was saved but could not be read back`);
      return saved;
    },

    /** The referral as given (reports received, closed). ConflictError if `expectedETag` is stale. */
    async updateReferral(input: {
      referral: Referral;
      expectedETag: string;
      by: Actor;
    }): Promise<Versioned<Referral>> {
      const referral = referralSchema.parse(input.referral);
      const stored = deps.referralItem(referral.id);
      if (!stored) throw new RangeError(`There is no referral ${referral.id}`);
      const { ReferralId: _key, PupilId: _pupil, ...fields } = referralToFields(referral);
      const item = await writes.patchIfMatch({
        key: 'referrals',
        itemId: stored.itemId,
        fields: { ...fields, ...changedBy(input.by, deps.newId()) },
        version: input.expectedETag,
        operation: `change referral ${referral.id}`,
        conflict: (now, cause) => {
          deps.applyOwn('referrals', now);
          return new ConflictError('referral', deps.referral(referral.id), { cause });
        },
      });
      deps.applyOwn('referrals', item);
      const saved = deps.referral(referral.id);
      if (!saved) throw new Error(`Referral ${referral.id} was saved but could not be read back`);
      return saved;
    },
  };
}

export type ProfessionalWrites = ReturnType<typeof professionalWrites>;
