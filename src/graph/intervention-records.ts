import type { CalendarDate } from '../domain/calendar-date.ts';
import { pupilAttendance, sameSessionAccount } from '../domain/intervention-attendance.ts';
import { sameSessionSlot, sessionKey, sessionNumberOf } from '../domain/intervention-session.ts';
import {
  interventionSchema,
  type Intervention,
  type InterventionPupil,
} from '../domain/intervention.schema.ts';
import { ConflictError } from './graph-request-error.ts';
import {
  interventionMeasuresToFields,
  interventionSessionFromItem,
  interventionSessionToFields,
  participationKey,
} from './interventions-list.ts';
import { interventionWrites } from './intervention-writes.ts';
import type { SharePointItem } from './list-fields.ts';
import { byItemId, groupBy, inItemOrder, versioned, type RecordsContext } from './replica-lists.ts';
import type { SendRecords, Versioned } from './send-records.ts';

/**
 * Interventions as the replica reads them: the intervention item joined with its pupils' places (each with
 * its own version, for measures) and its recorded sessions, whose attendance adds to the counts brought in
 * before (`pupilAttendance`, src/domain/intervention-attendance.ts). Writes: an intervention with its pupils
 * (intervention-writes.ts), a pupil's measures (If-Match on their place), and a day's session.
 */
export function interventionRecords(ctx: RecordsContext) {
  const { mirror, newId } = ctx;

  const interventionsView = mirror.view(
    ['interventions', 'interventionPupils', 'interventionSessions'],
    () => {
      const pupils = groupBy(mirror.entries('interventionPupils').values(), (e) => e.row.interventionId);
      const sessions = groupBy(mirror.entries('interventionSessions').values(), (e) => e.row.interventionId);
      const out: Versioned<Intervention>[] = [];
      const places = new Map<string, Versioned<InterventionPupil>>();
      for (const entry of inItemOrder(mirror, 'interventions')) {
        const recorded = (sessions.get(entry.row.id) ?? []).map((e) => e.row);
        const entries = (pupils.get(entry.row.id) ?? []).sort(byItemId);
        // Recorded sessions add to the counts brought in before SENCO Hub recorded sessions (domain rule).
        const participants = entries.map(({ row: { pupil } }) => ({
          ...pupil,
          sessionsAttended: undefined,
          sessionsOffered: undefined,
          ...pupilAttendance(pupil as Parameters<typeof pupilAttendance>[0], recorded),
        }));
        const intervention = ctx.parse('intervention', entry.row.id, interventionSchema, {
          ...entry.row,
          pupils: participants,
        });
        if (!intervention) continue;
        out.push(versioned(entry, intervention));
        intervention.pupils.forEach((pupil, index) => {
          const place = entries[index];
          if (place) places.set(participationKey(intervention.id, pupil.pupilId), versioned(place, pupil));
        });
      }
      return { list: out, places };
    },
  );

  const placeEntry = (interventionId: string, pupilId: string) =>
    mirror.find(
      'interventionPupils',
      (row) => row.interventionId === interventionId && row.pupil.pupilId === pupilId,
    );
  const interventionPupil = (interventionId: string, pupilId: string) =>
    interventionsView().places.get(participationKey(interventionId, pupilId));

  const provisionMap = interventionWrites({
    writes: mirror.writes,
    newId,
    interventionItem: (id) => {
      const e = mirror.find('interventions', (row) => row.id === id);
      return e && { itemId: e.itemId, eTag: e.eTag };
    },
    placeItem: (interventionId, pupilId) => {
      const e = placeEntry(interventionId, pupilId);
      return e && { itemId: e.itemId, eTag: e.eTag, leftOn: e.row.pupil.leftOn as CalendarDate | undefined };
    },
    intervention: (id) => interventionsView().list.find((v) => v.value.id === id),
    interventionPupil,
    applyOwn: (key, item) => void mirror.applyOwn(key, item),
    syncLists: mirror.syncLists,
  });

  const records: Pick<
    SendRecords,
    | 'interventions'
    | 'interventionSessions'
    | 'interventionPupil'
    | 'recordInterventionSession'
    | 'saveInterventionMeasures'
    | 'createIntervention'
    | 'updateIntervention'
    | 'addInterventionPupil'
  > = {
    interventions: () => interventionsView().list,
    interventionSessions: (interventionId) =>
      inItemOrder(mirror, 'interventionSessions')
        .filter((e) => e.row.interventionId === interventionId)
        .map((e) => e.row),
    interventionPupil,

    /**
     * One session per intervention per day, whoever records it and however often: the session's key is the
     * intervention and the date, so recording the day again (a retry, a second click, a correction) updates
     * that one item instead of adding another, and attendance is never counted twice. An item for the day
     * recorded by someone else since we last looked (a 409 on create, a 412 on update) is a conflict unless
     * it already says what we were saving (`sameSessionAccount`).
     */
    async recordInterventionSession(session) {
      const sessionId = sessionKey(session);
      const what = `session ${sessionNumberOf(session)} of intervention ${session.interventionId} on ${session.date}`;
      const fields = interventionSessionToFields(sessionId, session);
      const sameSession = (item: SharePointItem) =>
        sameSessionAccount(interventionSessionFromItem(item), session);
      const conflict = (item: SharePointItem, cause: unknown) => {
        const entry = mirror.applyOwn('interventionSessions', item);
        return new ConflictError('session', versioned(entry, entry.row), { cause });
      };
      // Sessions recorded before this rule have their own ids: the newest one for the day is the one to keep.
      const stored = inItemOrder(mirror, 'interventionSessions')
        .filter((e) => sameSessionSlot(e.row, session))
        .at(-1);
      if (stored) {
        // The list has no WriteId: a change found applied is ours when the day's session says what we said.
        const { SessionId: _key, Title: _title, ...changes } = fields;
        const item = await mirror.writes.patchIfMatch({
          key: 'interventionSessions',
          itemId: stored.itemId,
          fields: changes,
          version: stored.eTag,
          operation: `record the ${what} again`,
          ours: sameSession,
          conflict,
        });
        mirror.applyOwn('interventionSessions', item);
        return;
      }
      // Found under its key after a failed create: our own retried request, or someone else's record of the day.
      const item = await mirror.writes.createOnce('interventionSessions', fields, `record the ${what}`);
      if (!sameSession(item)) throw conflict(item, new Error(`the ${what} was recorded meanwhile`));
      mirror.applyOwn('interventionSessions', item);
    },

    async saveInterventionMeasures(input) {
      const { interventionId, pupilId, expectedETag } = input;
      const what = `measures of pupil ${pupilId} in intervention ${interventionId}`;
      const place = placeEntry(interventionId, pupilId);
      if (!place) throw new Error(`Cannot save the ${what}: the pupil is not in the intervention`);
      const writeId = newId();
      const item = await mirror.writes.patchIfMatch({
        key: 'interventionPupils',
        itemId: place.itemId,
        fields: { ...interventionMeasuresToFields(input, writeId), WriteId: writeId },
        version: expectedETag,
        operation: `save the ${what}`,
        conflict: (stored, cause) => {
          mirror.applyOwn('interventionPupils', stored);
          return new ConflictError(
            'intervention record for this pupil',
            interventionPupil(interventionId, pupilId),
            {
              cause,
            },
          );
        },
      });
      mirror.applyOwn('interventionPupils', item);
      const saved = interventionPupil(interventionId, pupilId);
      if (!saved) throw new Error(`The ${what} were saved but could not be read back`);
      return saved;
    },

    createIntervention: (input) => provisionMap.createIntervention(input),
    updateIntervention: (input) => provisionMap.updateIntervention(input),
    addInterventionPupil: (input) => provisionMap.addInterventionPupil(input),
  };
  return records;
}
