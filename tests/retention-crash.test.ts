/**
 * `kill -9` while a pupil's SEND records are deleted under retention, at several of the deletion's writes,
 * before and after each lands: after a restart on the same database, the deletion is finished before the API
 * serves anything, so no list holds anything of the pupil's, the pupil is not found, and the audit log keeps
 * exactly the two entries of the deletion.
 */
import { getAllPages } from '../src/graph/graph-requests.ts';
import type { SharePointItem } from '../src/graph/list-fields.ts';
import { SENCO_HUB_SITE_PATH } from '../src/local365/local365.ts';
import { OAKFIELD } from '../src/local365/seed/demo-school.ts';
import type { DemoUser } from '../src/local365/identity/token-types.ts';
import { createCrashServer, type CrashServer } from './support/crash-server.ts';
import { itemsAbout, leaverUpn, makeLeaver, siteLists, type SiteLists } from './support/retention.ts';

let server: CrashServer;
let lists: SiteLists;
let sencoUpn: string;
const used = new Set<string>();

beforeAll(async () => {
  // The scheduled check is off: each run is the SENCO's "Delete now", at a moment the test chooses.
  server = await createCrashServer({ name: 'retention', env: () => ({ RETENTION_INTERVAL_HOURS: '0' }) });
  await server.start();
  const users = (await (await fetch(`${server.baseUrl}/local365/users`)).json()) as DemoUser[];
  sencoUpn = users.find((u) => u.staffRole === 'senco')!.upn;
  lists = await siteLists(server.graph(), `https://${OAKFIELD.sharePointHostname}${SENCO_HUB_SITE_PATH}`);
}, 240_000);

afterAll(async () => {
  await server?.dispose();
});

/** A pupil with an EHC plan (so with records in many lists) not used by another run. */
async function freshPupil(): Promise<string> {
  const plans = await getAllPages<SharePointItem>(
    server.graph(),
    `/sites/${lists.siteId}/lists/${lists.ids.ehcPlans}/items?$expand=fields`,
    'read the EHC plans',
  );
  const pupilId = plans.map((p) => String(p.fields?.['PupilId'])).find((id) => !used.has(id));
  if (!pupilId) throw new Error('No pupil with an EHC plan left for the crash runs');
  used.add(pupilId);
  return pupilId;
}

describe('kill -9 while a pupil’s records are deleted under retention', () => {
  it.each([
    [1, 'before'],
    [1, 'after'],
    [3, 'after'],
    [8, 'before'],
  ] as const)(
    'killed at delete %i, %s it lands: finished on restart before anything is served',
    async (atRequest, when) => {
      await server.ensureStarted();
      const token = await server.userToken(sencoUpn);
      const pupilId = await freshPupil();
      await makeLeaver(server.graph(), lists, pupilId, {
        dateOfBirth: '1990-01-01',
        upn: leaverUpn(used.size),
      });
      const before = await itemsAbout(server.graph(), lists, pupilId);
      expect(Object.values(before.byList).reduce((a, b) => a + b, 0)).toBeGreaterThan(atRequest);

      // Only the deletion deletes: counting DELETEs to the site's lists finds its writes alone.
      await server.crashAt({
        atRequest,
        when,
        method: 'DELETE',
        pathPrefixes: [`/sites/${lists.siteId}/lists/`],
      });
      const answer = await server.api(token, 'POST', '/api/retention/run').catch((err: unknown) => err);
      expect(await server.exited(), `killed (answer: ${JSON.stringify(answer)})`).toBe('SIGKILL');

      await server.start();
      // Ready means served: by now nothing of the pupil's is left anywhere.
      const after = await itemsAbout(server.graph(), lists, pupilId);
      expect(after.byList).toEqual({});
      expect(after.shared).toBe(0);
      expect(after.auditEntryIds.sort()).toEqual([
        `retention-finished-${pupilId}`,
        `retention-started-${pupilId}`,
      ]);
      expect(server.output()).toContain('Retention: finished 1 interrupted deletion of SEND records.');
      const record = await server.api(await server.userToken(sencoUpn), 'GET', `/api/pupils/${pupilId}`);
      expect(record.status).toBe(404);
      const register = await server.api<{ pupils: { id: string }[] }>(token, 'GET', '/api/pupils');
      expect(register.body.pupils.map((p) => p.id)).not.toContain(pupilId);
    },
    300_000,
  );
});
