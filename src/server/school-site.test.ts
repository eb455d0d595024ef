import { GraphRequestError } from '../graph/graph-request-error.ts';
import { findSiteId } from '../graph/site.ts';
import { startTestApp, type TestApp } from '../../tests/support/test-app.ts';
import { explainProvisioningFailure, prepareSchoolSite, SitePermissionError } from './school-site.ts';

const SITE = 'https://school.sharepoint.com/sites/senco-hub';

const refusal = (status: number) =>
  new GraphRequestError({
    status,
    code: 'accessDenied',
    message: 'Access denied',
    operation: 'create list SENCO Hub Pupils',
  });

describe('explainProvisioningFailure', () => {
  it.each([401, 403])(
    'turns a %i into what the IT admin must grant, naming the site and the step',
    (status) => {
      const explained = explainProvisioningFailure(refusal(status), SITE);
      expect(explained).toBeInstanceOf(SitePermissionError);
      const message = (explained as Error).message;
      expect(message).toContain(SITE);
      expect(message).toContain('create list SENCO Hub Pupils');
      expect(message).toContain('fullcontrol');
      expect((explained as Error).cause).toBeInstanceOf(GraphRequestError);
    },
  );

  it('passes anything else on unchanged', () => {
    const busy = refusal(503);
    expect(explainProvisioningFailure(busy, SITE)).toBe(busy);
    const plain = new Error('socket hang up');
    expect(explainProvisioningFailure(plain, SITE)).toBe(plain);
  });
});

// Against the stand-in, which enforces Sites.Selected as SharePoint does
// (https://learn.microsoft.com/graph/api/site-post-permissions): no grant, or only `write`, is explained.
describe('prepareSchoolSite on a site the app may not change', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    await app.running.ready;
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('names the step refused and the role to grant, for a `write` grant that cannot create lists', async () => {
    const cls = app.local365.school.classes[7]!;
    const siteUrl = `https://${app.local365.school.tenant.sharePointHostname}/sites/${cls.mailNickname}`;
    const siteId = app.grantSite(`/sites/${cls.mailNickname}`, ['write']);
    const err = await prepareSchoolSite({ connection: app.appGraph(), siteId, siteUrl }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SitePermissionError);
    expect((err as Error).message).toMatch(
      /403 accessDenied\) while trying to create list SENCO Hub Settings/,
    );
    expect((err as Error).message).toContain('"fullcontrol"');
  });

  it('explains a site the app has not been granted at all, where even finding it is refused', async () => {
    const cls = app.local365.school.classes[8]!;
    const siteUrl = `https://${app.local365.school.tenant.sharePointHostname}/sites/${cls.mailNickname}`;
    const err = await findSiteId({ connection: app.appGraph(), siteUrl }).catch((e: unknown) =>
      explainProvisioningFailure(e, siteUrl),
    );
    expect(err).toBeInstanceOf(SitePermissionError);
    expect((err as Error).message).toContain(`find the site ${siteUrl}`);
    expect((err as Error).message).toContain('POST /v1.0/sites/{site-id}/permissions');
  });
});
