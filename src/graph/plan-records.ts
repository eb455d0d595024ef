import { ehcNeedsAssessmentSchema, type EhcNeedsAssessment } from '../domain/ehc-needs-assessment.schema.ts';
import { examAccessArrangementSchema, type ExamAccessArrangement } from '../domain/exam-access.schema.ts';
import { senSupportPlanSchema, type SenSupportPlan } from '../domain/sen-support-plan.schema.ts';
import { accessArrangementWrites } from './access-arrangement-writes.ts';
import { needsAssessmentWrites } from './needs-assessment-writes.ts';
import { groupBy, inItemOrder, versioned, type RecordsContext } from './replica-lists.ts';
import { senSupportPlanWrites } from './sen-support-plan-writes.ts';
import type { SendRecords, Versioned } from './send-records.ts';

/**
 * Records that are one item each, read as they are stored: a pupil's SEN support plan, their exam access
 * arrangements, and EHC needs assessment requests. Each list's writes are in its `*-writes.ts`.
 */

export function senSupportPlanRecords(ctx: RecordsContext) {
  const { mirror } = ctx;
  const view = mirror.view(['senSupportPlans'], () => {
    const byPupil = new Map<string, Versioned<SenSupportPlan>>();
    for (const entry of mirror.entries('senSupportPlans').values()) {
      const plan = ctx.parse('SEN support plan', String(entry.row.id), senSupportPlanSchema, entry.row);
      if (plan) byPupil.set(plan.pupilId, versioned(entry, plan));
    }
    return byPupil;
  });
  const plan = (pupilId: string) => view().get(pupilId);
  const changes = senSupportPlanWrites({
    writes: mirror.writes,
    newId: ctx.newId,
    planItem: (pupilId) => {
      const entry = mirror.find('senSupportPlans', (row) => row.pupilId === pupilId);
      return entry && { itemId: entry.itemId, eTag: entry.eTag };
    },
    plan,
    applyOwn: (item) => void mirror.applyOwn('senSupportPlans', item),
    syncPlans: () => mirror.syncLists(['senSupportPlans']),
  });
  const records: Pick<SendRecords, 'senSupportPlan' | 'createSenSupportPlan' | 'saveSenSupportPlan'> = {
    senSupportPlan: plan,
    createSenSupportPlan: (input) => changes.create(input),
    saveSenSupportPlan: (input) => changes.save(input),
  };
  return records;
}

export function accessArrangementRecords(ctx: RecordsContext) {
  const { mirror } = ctx;
  const view = mirror.view(['accessArrangements'], () => {
    const all: (Versioned<ExamAccessArrangement> & { itemId: string })[] = [];
    for (const entry of inItemOrder(mirror, 'accessArrangements')) {
      const a = ctx.parse('access arrangement', String(entry.row.id), examAccessArrangementSchema, entry.row);
      if (a) all.push({ ...versioned(entry, a), itemId: entry.itemId });
    }
    return { byPupil: groupBy(all, (a) => a.value.pupilId), byId: new Map(all.map((a) => [a.value.id, a])) };
  });
  const changes = accessArrangementWrites({
    writes: mirror.writes,
    newId: ctx.newId,
    record: (id) => view().byId.get(id),
    applyOwn: (item) => void mirror.applyOwn('accessArrangements', item),
    syncArrangements: () => mirror.syncLists(['accessArrangements']),
  });
  const records: Pick<
    SendRecords,
    'accessArrangements' | 'accessArrangementRecords' | 'saveAccessArrangement'
  > = {
    accessArrangements: (pupilId) => (view().byPupil.get(pupilId) ?? []).map((a) => a.value),
    accessArrangementRecords: (pupilId) =>
      (view().byPupil.get(pupilId) ?? []).map(({ itemId: _, ...a }) => a),
    saveAccessArrangement: (input) => changes.save(input),
  };
  return records;
}

export function needsAssessmentRecords(ctx: RecordsContext) {
  const { mirror } = ctx;
  const view = mirror.view(['needsAssessments'], () => {
    const out = new Map<string, { itemId: string; eTag: string; record: Versioned<EhcNeedsAssessment> }>();
    for (const entry of inItemOrder(mirror, 'needsAssessments')) {
      const a = ctx.parse('EHC needs assessment', entry.row.id, ehcNeedsAssessmentSchema, entry.row);
      if (a) out.set(a.id, { itemId: entry.itemId, eTag: entry.eTag, record: versioned(entry, a) });
    }
    return out;
  });
  const changes = needsAssessmentWrites({
    writes: mirror.writes,
    newId: ctx.newId,
    item: (id) => view().get(id),
    record: (id) => view().get(id)?.record,
    applyOwn: (item) => void mirror.applyOwn('needsAssessments', item),
    sync: () => mirror.syncLists(['needsAssessments']),
  });
  const records: Pick<SendRecords, 'needsAssessments' | 'createNeedsAssessment' | 'updateNeedsAssessment'> = {
    needsAssessments: (pupilId) =>
      [...view().values()].map((a) => a.record).filter((a) => a.value.pupilId === pupilId),
    createNeedsAssessment: (input) => changes.create(input),
    updateNeedsAssessment: (input) => changes.update(input),
  };
  return records;
}
