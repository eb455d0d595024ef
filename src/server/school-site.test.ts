import { GraphRequestError } from '../graph/graph-request-error.ts';
import { explainProvisioningFailure, SitePermissionError } from './school-site.ts';

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
