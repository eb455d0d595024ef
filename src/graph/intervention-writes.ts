import type { CalendarDate } from '../domain/calendar-date.ts';
import {
  interventionSchema,
  type Intervention,
  type InterventionPupil,
} from '../domain/intervention.schema.ts';
import { ConflictError } from './graph-request-error.ts';
import { interventionPupilToFields, interventionToFields } from './interventions-list.ts';
import type { SharePointItem } from './list-fields.ts';
import type { ListWrites } from './list-writes.ts';
import type { Actor, Versioned } from './send-records.ts';

/**
 * Writing the provision map: adding an intervention with its pupils, changing or ending it, adding a pupil.
 *
 * An intervention and its pupils are separate items, which SharePoint cannot create together. The pupils'
 * items (each under its unique ParticipationKey) are written first and the intervention's item last: the
 * replica shows a pupil's place only under an intervention that exists, so until the intervention's item
 * lands nothing is on the map, and once it lands every pupil is. A crash or throttling on the way leaves at
 * most places no one sees; sending the same intervention again (same id) finds them stored and finishes it.
 * Changes to the intervention are made with If-Match on its item; a stale version is a ConflictError.
 */

type Keys = 'interventions' | 'interventionPupils';

export type InterventionWritesDeps = {
  writes: ListWrites<Keys>;
  newId: () => string;
  /** The intervention's item as the replica holds it. */
  interventionItem(id: string): { itemId: string; eTag: string } | undefined;
  /** A pupil's place in an intervention, as the replica holds it. */
  placeItem(
    interventionId: string,
    pupilId: string,
  ): { itemId: string; eTag: string; leftOn: CalendarDate | undefined } | undefined;
  intervention(id: string): Versioned<Intervention> | undefined;
  interventionPupil(interventionId: string, pupilId: string): Versioned<InterventionPupil> | undefined;
  /** Our own write, as SharePoint answered it, into the replica. */
  applyOwn(key: Keys, item: SharePointItem): void;
  syncLists(keys: readonly Keys[]): Promise<void>;
};

/** What may change of an intervention (its pupils are changed one by one). */
export type InterventionDetails = Omit<Intervention, 'id' | 'pupils'>;

const changedBy = (by: Actor, writeId: string) => ({
  ChangedByUserId: by.userId,
  ChangedByName: by.name,
  WriteId: writeId,
});

export function interventionWrites(deps: InterventionWritesDeps) {
  const { writes } = deps;

  const readBack = (id: string, what: string) => {
    const saved = deps.intervention(id);
    if (!saved) throw new Error(`The ${what} was saved but could not be read back`);
    return saved;
  };

  async function writePlace(interventionId: string, pupil: InterventionPupil, by: Actor) {
    const item = await writes.createOnce(
      'interventionPupils',
      { ...interventionPupilToFields(interventionId, pupil), ...changedBy(by, deps.newId()) },
      `add pupil ${pupil.pupilId} to intervention ${interventionId}`,
    );
    deps.applyOwn('interventionPupils', item);
  }

  return {
    /**
     * A new intervention with its pupils. Sent again with the same id (a retry after a lost answer or a
     * crash), it finishes what is missing and answers the intervention as stored.
     */
    async createIntervention(input: { intervention: Intervention; by: Actor }): Promise<Versioned<Intervention>> {
      const intervention = interventionSchema.parse(input.intervention);
      const what = `intervention ${intervention.id}`;
      // Places first, one at a time (a group is a handful of pupils): invisible until the intervention lands.
      for (const pupil of intervention.pupils) {
        if (!deps.placeItem(intervention.id, pupil.pupilId)) await writePlace(intervention.id, pupil, input.by);
      }
      if (!deps.interventionItem(intervention.id)) {
        const item = await writes.createOnce(
          'interventions',
          { ...interventionToFields(intervention), ...changedBy(input.by, deps.newId()) },
          `add the ${what}`,
        );
        deps.applyOwn('interventions', item);
      }
      return readBack(intervention.id, what);
    },

    /** The intervention's details as given (an end date ends it). ConflictError if `expectedETag` is stale. */
    async updateIntervention(input: {
      id: string;
      details: InterventionDetails;
      expectedETag: string;
      by: Actor;
    }): Promise<Versioned<Intervention>> {
      const { id, expectedETag, by } = input;
      const what = `intervention ${id}`;
      const stored = deps.interventionItem(id);
      const current = deps.intervention(id);
      if (!stored || !current) throw new RangeError(`There is no ${what}`);
      const next = interventionSchema.parse({ ...input.details, id, pupils: current.value.pupils });
      const { InterventionId: _key, ...fields } = interventionToFields(next);
      const item = await writes.patchIfMatch({
        key: 'interventions',
        itemId: stored.itemId,
        fields: { ...fields, ...changedBy(by, deps.newId()) },
        version: expectedETag,
        operation: `change the ${what}`,
        conflict: (now, cause) => {
          deps.applyOwn('interventions', now);
          return new ConflictError('intervention', deps.intervention(id), { cause });
        },
      });
      deps.applyOwn('interventions', item);
      return readBack(id, what);
    },

    /**
     * A pupil joins the intervention. A pupil who left it before rejoins: their place (with its measures and
     * attendance) is reopened, If-Match its version. A pupil already in it is a RangeError.
     */
    async addInterventionPupil(input: {
      interventionId: string;
      pupil: InterventionPupil;
      by: Actor;
    }): Promise<Versioned<InterventionPupil>> {
      const { interventionId, pupil, by } = input;
      const what = `place of pupil ${pupil.pupilId} in intervention ${interventionId}`;
      const place = deps.placeItem(interventionId, pupil.pupilId);
      if (place && place.leftOn === undefined) {
        throw new RangeError(`The pupil is already in the intervention`);
      }
      if (place) {
        const item = await writes.patchIfMatch({
          key: 'interventionPupils',
          itemId: place.itemId,
          fields: { LeftOn: null, ...changedBy(by, deps.newId()) },
          version: place.eTag,
          operation: `reopen the ${what}`,
          conflict: (now, cause) => {
            deps.applyOwn('interventionPupils', now);
            return new ConflictError(
              'intervention record for this pupil',
              deps.interventionPupil(interventionId, pupil.pupilId),
              { cause },
            );
          },
        });
        deps.applyOwn('interventionPupils', item);
      } else {
        await writePlace(interventionId, pupil, by);
      }
      const saved = deps.interventionPupil(interventionId, pupil.pupilId);
      if (!saved) throw new Error(`The ${what} was saved but could not be read back`);
      return saved;
    },
  };
}

export type InterventionWrites = ReturnType<typeof interventionWrites>;
