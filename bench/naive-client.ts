import { LOCAL_CLIENT_ID } from '../src/server/config.ts';
import { SENCO_HUB_SCHEMA } from '../src/graph/site-schema.ts';
import type { ListKey } from '../src/graph/list-definition.ts';
import { json } from './http.ts';

/**
 * The baseline SENCO Hub is compared with: a client that answers each screen by reading SharePoint through
 * Graph there and then, as a tab calling Graph directly (or a server without a replica) would. It pages
 * through whole lists, and filters on an indexed PupilId column where the list has one.
 */
export type NaiveClient = {
  register(): Promise<void>;
  pupilRecord(pupilId: string): Promise<void>;
  classView(classId: string): Promise<void>;
};

type Page = { value: unknown[]; '@odata.nextLink'?: string };

export async function createNaiveClient(baseUrl: string, siteHostname: string): Promise<NaiveClient> {
  const graph = `${baseUrl}/local365/graph/v1.0`;
  const { access_token } = await json<{ access_token: string }>(`${baseUrl}/local365/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: LOCAL_CLIENT_ID,
      scope: 'https://graph.microsoft.com/.default',
    }),
  });
  const headers = { Authorization: `Bearer ${access_token}` };
  const site = await json<{ id: string }>(`${graph}/sites/${siteHostname}:/sites/senco-hub`, { headers });
  const lists = await json<{ value: { id: string; displayName: string }[] }>(
    `${graph}/sites/${site.id}/lists`,
    { headers },
  );
  const listUrl = (key: ListKey) => {
    const definition = SENCO_HUB_SCHEMA.lists.find((l) => l.key === key);
    const id = lists.value.find((l) => l.displayName === definition?.displayName)?.id;
    if (!id) throw new Error(`naive client: no '${key}' list on the site`);
    return `${graph}/sites/${site.id}/lists/${id}/items`;
  };
  const pupilIdIndexed = (key: ListKey) =>
    SENCO_HUB_SCHEMA.lists
      .find((l) => l.key === key)
      ?.columns.some((c) => c.name === 'PupilId' && c.indexed === true) ?? false;
  const perPupilLists = SENCO_HUB_SCHEMA.lists
    .filter((l) => l.columns.some((c) => c.name === 'PupilId'))
    .map((l) => l.key);

  async function readAll(url: string): Promise<void> {
    let next: string | undefined = url;
    while (next) {
      const page: Page = await json<Page>(next, { headers });
      next = page['@odata.nextLink'];
    }
  }
  const whole = (key: ListKey) => readAll(`${listUrl(key)}?$expand=fields`);
  const forPupil = (key: ListKey, pupilId: string) =>
    pupilIdIndexed(key)
      ? readAll(`${listUrl(key)}?$expand=fields&$filter=fields/PupilId eq '${pupilId.replace(/'/g, "''")}'`)
      : whole(key);

  return {
    async register() {
      await Promise.all([whole('pupils'), whole('senStatus'), whole('needs')]);
    },
    async pupilRecord(pupilId) {
      await Promise.all([whole('pupils'), ...perPupilLists.map((key) => forPupil(key, pupilId))]);
    },
    async classView(classId) {
      await Promise.all([
        readAll(`${graph}/education/classes/${classId}/members`),
        whole('pupils'),
        whole('senStatus'),
        whole('passports'),
        whole('accessArrangements'),
      ]);
    },
  };
}
