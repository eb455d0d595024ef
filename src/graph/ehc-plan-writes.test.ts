import { recordEhcPlan, amendEhcPlan, type EhcPlanDetails } from '../domain/ehc-plan-changes.ts';
import type { EhcPlan } from '../domain/ehc-plan.schema.ts';
import { buildEhcpPupil, buildReview, d } from '../domain/testing/builders.ts';
import { startTestApp, type TestApp } from '../../tests/support/test-app.ts';
import type { GraphConnection } from './graph-client.ts';
import { ConflictError } from './graph-request-error.ts';
import { getAllPages, graphPatch } from './graph-requests.ts';
import { importSendRecords } from './import-records.ts';
import type { SharePointItem } from './list-fields.ts';
import { eq, itemsQueryString } from './odata.ts';
import { createSendRecords, type SendRecordsReplica } from './send-records-replica.ts';
import type { Actor } from './send-records.ts';
import { provisionSite, type ProvisionResult } from './site-provisioning.ts';
import { findSiteId } from './site.ts';
import { localAppConnection } from './testing/local-connection.ts';

/**
 * EHC plan and review writes through the real Graph client against the stand-in's SharePoint, on a site of
 * their own: two servers (replicas) writing at once, changes made in SharePoint behind a replica's back
 * (If-Match answering 412), writes applied but answered 503, and a review's booking keys kept.
 */

let app: TestApp;
let graph: GraphConnection;
let siteId: string;
let provisioned: ProvisionResult;
let one: SendRecordsReplica;
let other: SendRecordsReplica;

const senco: Actor = { userId: 'senco-id', upn: 'senco@example.org', name: 'Katie Brown' };
const assistant: Actor = { userId: 'assistant-id', upn: 'assistant@example.org', name: 'Sara Patel' };
const pupils = Array.from({ length: 6 }, (_, i) => buildEhcpPupil({ legalSurname: `Plan${i}` }));
const today = d('2026-12-02');
const context = { today, now: new Date('2026-12-02T10:00:00Z'), by: senco.name };
const details: EhcPlanDetails = {
  localAuthority: 'Devon',
  coordinator: { name: 'Pat Officer' },
  outcomes: [{ area: 'sensory-and-physical', outcome: 'Moves around the school independently' }],
  provision: [{ area: 'sensory-and-physical', provision: 'Mobility training, fortnightly' }],
  placement: 'Riverside Primary School',
};

function newPlan(pupilId: string): EhcPlan {
  const result = recordEhcPlan(
    { id: `plan-${pupilId}`, pupilId, details, issuedOn: d('2026-11-01'), origin: 'existing-plan' },
    context,
  );
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.plan;
}

const planItems = (pupilId: string) =>
  getAllPages<SharePointItem>(
    graph,
    `/sites/${siteId}/lists/${provisioned.listIds.ehcPlans}/items${itemsQueryString({ filter: eq('PupilId', pupilId) })}`,
    'read plan items',
  );

beforeAll(async () => {
  app = await startTestApp();
  await app.running.ready;
  graph = localAppConnection({
    baseUrl: app.baseUrl,
    graphRoot: app.config.graphRoot,
    clientId: app.config.clientId,
    retry: { maxRetries: 0, delaySeconds: 0 },
  });
  const site = `/sites/${app.local365.school.classes[3]!.mailNickname}`;
  app.grantSite(site);
  siteId = await findSiteId({
    connection: graph,
    siteUrl: `https://${app.local365.school.tenant.sharePointHostname}${site}`,
  });
  provisioned = await provisionSite({ connection: graph, siteId });
  await importSendRecords({ connection: graph, siteId, records: { pupils } });
  one = createSendRecords({ connection: graph, siteId, pollIntervalMs: 600_000 });
  other = createSendRecords({ connection: graph, siteId, pollIntervalMs: 600_000 });
  await Promise.all([one.start(), other.start()]);
}, 120_000);

afterAll(async () => {
  await Promise.all([one?.stop(), other?.stop()]);
  await app?.stop();
});

afterEach(() => {
  app.local365.faults.clear();
});

describe('recording a plan', () => {
  it('stores it once, and another server reads the same plan with its sections and changes', async () => {
    const pupilId = pupils[0]!.id;
    const saved = await one.saveEhcPlan({ plan: newPlan(pupilId), expectedETag: undefined, by: senco });
    expect(saved.value).toMatchObject({ ...details, origin: 'existing-plan' });
    expect(saved.modifiedBy).toBe('Katie Brown');
    await other.syncNow();
    expect(other.ehcPlan(pupilId)).toEqual(saved);
    expect(await planItems(pupilId)).toHaveLength(1);
  });

  it('of two servers recording a first plan for a pupil at once, lets one land and tells the other', async () => {
    const pupilId = pupils[1]!.id;
    const first = await one.saveEhcPlan({ plan: newPlan(pupilId), expectedETag: undefined, by: senco });
    // `other` has not seen it: SharePoint refuses the second PupilId (500, duplicate), read as a conflict.
    const err = await other
      .saveEhcPlan({
        plan: { ...newPlan(pupilId), id: 'another-id' },
        expectedETag: undefined,
        by: assistant,
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError<EhcPlan>).current?.eTag).toBe(first.eTag);
    expect(await planItems(pupilId)).toHaveLength(1);
  });
});

describe('changing a plan', () => {
  it('refuses a change made from a version someone changed in SharePoint behind the replica’s back (412)', async () => {
    const pupilId = pupils[2]!.id;
    const saved = await one.saveEhcPlan({ plan: newPlan(pupilId), expectedETag: undefined, by: senco });
    const [item] = await planItems(pupilId);
    await graphPatch(
      graph,
      `/sites/${siteId}/lists/${provisioned.listIds.ehcPlans}/items/${item!.id}/fields`,
      { Placement: 'Changed in SharePoint' },
      'edit behind the app’s back',
    );
    const amended = amendEhcPlan(saved.value, { details, amendedOn: today, summary: 'x' }, context);
    if (!amended.ok) throw new Error('unexpected problems');
    const err = await one
      .saveEhcPlan({ plan: amended.plan, expectedETag: saved.eTag, by: senco })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError<EhcPlan>).current?.value.placement).toBe('Changed in SharePoint');
    expect(one.ehcPlan(pupilId)?.value.changes.map((c) => c.kind)).toEqual(['recorded']);
  });

  it('takes a change applied but answered 503 as made, once', async () => {
    const pupilId = pupils[3]!.id;
    const saved = await one.saveEhcPlan({ plan: newPlan(pupilId), expectedETag: undefined, by: senco });
    const amended = amendEhcPlan(
      saved.value,
      { details: { ...details, placement: 'Hillside Academy' }, amendedOn: today },
      context,
    );
    if (!amended.ok) throw new Error('unexpected problems');
    app.local365.faults.set({
      failure: {
        status: 503,
        count: 1,
        method: 'PATCH',
        pathPrefix: `/sites/${siteId}/lists/${provisioned.listIds.ehcPlans}/items`,
        afterApplying: true,
      },
    });
    const result = await one.saveEhcPlan({ plan: amended.plan, expectedETag: saved.eTag, by: senco });
    expect(app.local365.faults.failedCount).toBe(1);
    expect(result.value.placement).toBe('Hillside Academy');
    expect(result.value.changes.map((c) => c.kind)).toEqual(['recorded', 'amended']);
  });
});

describe('review records', () => {
  it('creates a review recorded after the fact, updates it If-Match and keeps the booking’s own keys', async () => {
    const pupilId = pupils[4]!.id;
    const plan = (await one.saveEhcPlan({ plan: newPlan(pupilId), expectedETag: undefined, by: senco }))
      .value;
    const review = buildReview({
      id: `review-${pupilId}`,
      meetingOn: d('2026-11-20'),
      heldOn: d('2026-11-20'),
    });
    const created = await one.saveEhcPlanReview({ plan, review, expectedETag: undefined, by: senco });
    expect(one.ehcPlan(pupilId)?.value.reviews.map((r) => r.id)).toEqual([review.id]);

    // The booking stores its Outlook event in Details: written here straight into SharePoint.
    const [item] = await getAllPages<SharePointItem>(
      graph,
      `/sites/${siteId}/lists/${provisioned.listIds.ehcPlanReviews}/items${itemsQueryString({ filter: eq('ReviewId', review.id) })}`,
      'read review',
    );
    const read = async () =>
      (
        await getAllPages<SharePointItem>(
          graph,
          `/sites/${siteId}/lists/${provisioned.listIds.ehcPlanReviews}/items${itemsQueryString({ filter: eq('ReviewId', review.id) })}`,
          'read review',
        )
      )[0]!;
    const details0 = JSON.parse(String(item!.fields?.['Details'])) as Record<string, unknown>;
    await graphPatch(
      graph,
      `/sites/${siteId}/lists/${provisioned.listIds.ehcPlanReviews}/items/${item!.id}/fields`,
      { Details: JSON.stringify({ ...details0, outlookEventId: 'event-1' }) },
      'booking',
    );
    // A stale version (the booking's change came between): refused.
    const err = await one
      .saveEhcPlanReview({
        plan,
        review: { ...review, reportSentOn: d('2026-11-25') },
        expectedETag: created.eTag,
        by: senco,
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);

    await one.syncNow();
    const current = one.ehcPlanReview(pupilId, review.id)!;
    const updated = await one.saveEhcPlanReview({
      plan,
      review: { ...current.value, reportSentOn: d('2026-11-25') },
      expectedETag: current.eTag,
      by: assistant,
    });
    expect(updated.value.reportSentOn).toBe('2026-11-25');
    expect(updated.modifiedBy).toBe('Sara Patel');
    const stored = JSON.parse(String((await read()).fields?.['Details'])) as Record<string, unknown>;
    expect(stored).toMatchObject({ outlookEventId: 'event-1', reportSentOn: '2026-11-25' });
  });
});
