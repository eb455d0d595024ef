import type { GraphConnection } from '../graph/graph-client.ts';
import { GraphRequestError } from '../graph/graph-request-error.ts';
import { provisionSite, type ProvisionProgress, type ProvisionResult } from '../graph/site-provisioning.ts';

/**
 * The school's SENCO Hub site, brought to this version's schema as the server starts (tenant mode; local mode
 * does the same inside loadDemoRecords). When the site is up to date this only reads. Adding lists and columns
 * needs more than the everyday `write` role: with Sites.Selected, SharePoint's `fullcontrol`
 * (https://learn.microsoft.com/graph/api/site-post-permissions). Finding the site is explained the same way:
 * without any grant, Sites.Selected answers 403 there already.
 */

export class SitePermissionError extends Error {
  override name = 'SitePermissionError';
  constructor(siteUrl: string, cause: GraphRequestError) {
    super(
      `SENCO Hub could not prepare its lists on ${siteUrl}: Microsoft Graph refused (${cause.status}${
        cause.code ? ` ${cause.code}` : ''
      }) while trying to ${cause.operation}. ` +
        'SENCO Hub needs the "fullcontrol" role on that site, at least for the first start after installing or ' +
        'upgrading it: with Sites.Selected the app can reach no site until a SharePoint admin grants it one ' +
        '(POST /v1.0/sites/{site-id}/permissions), and the everyday "write" role cannot add lists and columns. ' +
        'See README, "Running against a school’s Microsoft 365".',
      { cause },
    );
  }
}

export async function prepareSchoolSite(input: {
  connection: GraphConnection;
  siteId: string;
  siteUrl: string;
  onProgress?: ((progress: { stage: 'provision' } & ProvisionProgress) => void) | undefined;
}): Promise<ProvisionResult> {
  try {
    return await provisionSite({
      connection: input.connection,
      siteId: input.siteId,
      onProgress: (p) => input.onProgress?.({ stage: 'provision', ...p }),
    });
  } catch (err) {
    throw explainProvisioningFailure(err, input.siteUrl);
  }
}

/** A refusal (401/403) becomes what the IT admin must do about it; anything else is passed on as it was. */
export function explainProvisioningFailure(err: unknown, siteUrl: string): unknown {
  if (err instanceof GraphRequestError && (err.status === 401 || err.status === 403))
    return new SitePermissionError(siteUrl, err);
  return err;
}
