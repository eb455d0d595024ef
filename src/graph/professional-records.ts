import { externalProfessionalSchema, type ExternalProfessional } from '../domain/professional.schema.ts';
import { referralSchema, type Referral } from '../domain/referral.schema.ts';
import { professionalWrites } from './professional-writes.ts';
import { groupBy, inItemOrder, versioned, type RecordsContext } from './replica-lists.ts';
import type { SendRecords, Versioned } from './send-records.ts';

/** Professionals (joined to pupils through their links) and referrals as the replica reads them; writes in professional-writes.ts. */
export function professionalRecords(ctx: RecordsContext) {
  const { mirror } = ctx;

  const professionalsView = mirror.view(['professionals', 'pupilProfessionals'], () => {
    const all: ExternalProfessional[] = [];
    for (const entry of inItemOrder(mirror, 'professionals')) {
      const p = ctx.parse('professional', String(entry.row.id), externalProfessionalSchema, entry.row);
      if (p) all.push(p);
    }
    const byId = new Map(all.map((p) => [p.id, p]));
    const byPupil = new Map<string, ExternalProfessional[]>();
    for (const entry of inItemOrder(mirror, 'pupilProfessionals')) {
      const p = byId.get(entry.row.professionalId);
      if (p) byPupil.set(entry.row.pupilId, [...(byPupil.get(entry.row.pupilId) ?? []), p]);
    }
    return { all, byPupil };
  });

  const referralsView = mirror.view(['referrals'], () => {
    const all: Versioned<Referral>[] = [];
    for (const entry of inItemOrder(mirror, 'referrals')) {
      const r = ctx.parse('referral', entry.row.id, referralSchema, entry.row);
      if (r) all.push(versioned(entry, r));
    }
    all.sort((a, b) => a.value.sentOn.localeCompare(b.value.sentOn));
    return { all, byPupil: groupBy(all, (r) => r.value.pupilId) };
  });

  const changes = professionalWrites({
    writes: mirror.writes,
    newId: ctx.newId,
    professional: (id) => professionalsView().all.find((p) => p.id === id),
    referralItem: (id) => {
      const e = mirror.find('referrals', (row) => row.id === id);
      return e && { itemId: e.itemId };
    },
    referral: (id) => referralsView().all.find((r) => r.value.id === id),
    applyOwn: (key, item) => void mirror.applyOwn(key, item),
  });

  const records: Pick<
    SendRecords,
    | 'professionals'
    | 'professionalsFor'
    | 'referrals'
    | 'addProfessional'
    | 'linkProfessional'
    | 'addReferral'
    | 'updateReferral'
  > = {
    professionals: () => professionalsView().all,
    professionalsFor: (pupilId) => professionalsView().byPupil.get(pupilId) ?? [],
    referrals: (pupilId) =>
      pupilId === undefined ? referralsView().all : (referralsView().byPupil.get(pupilId) ?? []),
    addProfessional: (input) => changes.addProfessional(input),
    linkProfessional: (input) => changes.linkProfessional(input),
    addReferral: (input) => changes.addReferral(input),
    updateReferral: (input) => changes.updateReferral(input),
  };
  return records;
}
