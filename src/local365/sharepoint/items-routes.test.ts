import {
  allPages,
  createTestGraph,
  GRAPH_BASE,
  HOSTNAME,
  userCaller,
  type TestGraph,
} from './sharepoint-testing.ts';

type Fields = Record<string, unknown> & { '@odata.etag': string };
type Item = {
  id: string;
  eTag: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  webUrl: string;
  createdBy: Record<string, Record<string, string>>;
  lastModifiedBy: Record<string, Record<string, string>>;
  parentReference: { id: string; siteId: string };
  fields?: Fields;
};
type Page = { value: Item[]; '@odata.nextLink'?: string };
type ErrorBody = { error: { code: string; message: string } };

const PREFER = { prefer: 'HonorNonIndexedQueriesWarningMayFailRandomly' };

const PUPIL_COLUMNS = [
  { name: 'Surname', text: {}, indexed: true },
  { name: 'Upn', text: {}, indexed: true, enforceUniqueValues: true },
  { name: 'YearGroup', text: {} },
  { name: 'Score', number: {}, indexed: true },
  { name: 'OnRegister', boolean: {} },
  { name: 'ReviewDue', dateTime: { format: 'dateOnly' }, indexed: true },
  { name: 'Status', choice: { choices: ['Open', 'Closed'] } },
  { name: 'Senco', personOrGroup: { chooseFromType: 'peopleOnly' } },
];

const SURNAMES = ["O'Brien", 'Zoë', 'Łukasz', 'Nowak', 'Zoe'];

function pupils(n: number): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => ({
    Title: `Pupil ${i}`,
    Surname: SURNAMES[i] ?? `Surname${i}`,
    Upn: `UPN${String(i).padStart(5, '0')}`,
    YearGroup: `Y${(i % 6) + 1}`,
    Score: i,
    OnRegister: i % 2 === 0,
    ReviewDue: `2025-0${(i % 9) + 1}-15`,
  }));
}

async function createPupils(graph: TestGraph, n: number): Promise<string> {
  const listId = await graph.createList('Pupils', PUPIL_COLUMNS);
  graph.store.addItems(graph.siteId, listId, pupils(n));
  return listId;
}

describe('list items', () => {
  let graph: TestGraph;
  let listId: string;
  let items: string;

  beforeEach(async () => {
    graph = createTestGraph();
    listId = await createPupils(graph, 20);
    items = `/sites/${graph.siteId}/lists/${listId}/items`;
  });

  describe('POST …/items', () => {
    it('answers 201 with the listItem: eTag "{guid},1", times, caller identities and every field', async () => {
      graph.advance(60_000);
      const item = await graph.ok<Item & { '@odata.context': string; 'fields@odata.context': string }>(
        'POST',
        items,
        {
          body: { fields: { Title: 'Ava', Surname: 'Smith', Upn: 'UPN-AVA', Score: 7 } },
          caller: userCaller(),
        },
      );
      expect(item.id).toBe('21');
      expect(item.eTag).toMatch(/^"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12},1"$/);
      expect(item).toMatchObject({
        '@odata.context': `${GRAPH_BASE}/$metadata#sites('${encodeURIComponent(graph.siteId)}')/lists('${listId}')/items/$entity`,
        createdDateTime: '2025-06-02T08:01:00Z',
        lastModifiedDateTime: '2025-06-02T08:01:00Z',
        webUrl: `https://${HOSTNAME}/sites/senco-hub/Lists/Pupils/21_.000`,
        createdBy: {
          user: { email: 'j.okafor@oakfield.example.org', id: '6b1f2c3d-0000-4000-8000-000000000001' },
        },
        parentReference: { id: listId, siteId: graph.siteId },
      });
      expect(item.fields).toMatchObject({
        '@odata.etag': item.eTag,
        id: '21',
        Title: 'Ava',
        LinkTitle: 'Ava',
        Surname: 'Smith',
        Score: 7,
        ContentType: 'Item',
        Created: '2025-06-02T08:01:00Z',
        Modified: '2025-06-02T08:01:00Z',
        _UIVersionString: '1.0',
      });
      // The writer was added to the site's User Information List, and the item points at that entry.
      const author = item.fields!.AuthorLookupId as string;
      expect(author).toMatch(/^\d+$/);
      const user = await graph.ok<Fields>(
        'GET',
        `/sites/${graph.siteId}/lists/User Information List/items/${author}/fields`,
      );
      expect(user).toMatchObject({
        Title: 'j.okafor@oakfield.example.org',
        EMail: 'j.okafor@oakfield.example.org',
      });
    });

    it('records an app-only writer as SharePoint App', async () => {
      const item = await graph.ok<Item>('POST', items, {
        body: { fields: { Title: 'By app', Upn: 'UPN-APP' } },
      });
      expect(item.createdBy).toEqual({
        application: { id: 'senco-hub-app', displayName: 'senco-hub-app' },
        user: { displayName: 'SharePoint App' },
      });
      expect(item.fields?.AuthorLookupId).toBe('1073741822');
    });

    it('answers 400 naming an unknown field, and writes nothing', async () => {
      const res = await graph.call('POST', items, {
        body: { fields: { Title: 'x', Upn: 'UPN-X', Surnmae: 'typo' } },
      });
      expect(res.status).toBe(400);
      expect((res.body as ErrorBody).error.message).toBe("Field 'Surnmae' is not recognized");
      expect((await graph.ok<Page>('GET', `${items}?$filter=fields/Upn eq 'UPN-X'`)).value).toEqual([]);
    });

    it.each([
      [{ Score: 'seven' }],
      [{ Score: '7' }],
      [{ Surname: 12 }],
      [{ OnRegister: 'yes' }],
      [{ ReviewDue: 'next week' }],
      [{ Status: 'Pending' }],
      [{ Modified: '2025-01-01T00:00:00Z' }],
      [{ Senco: 'someone' }],
      [{ SencoLookupId: 'not-a-number' }],
    ])('answers 400 for a value of the wrong type or a read-only field: %j', async (fields) => {
      const res = await graph.call('POST', items, { body: { fields: { Title: 'x', ...fields } } });
      expect(res.status).toBe(400);
    });

    // SharePoint answers a duplicate in a unique column with 500 and SPDuplicateValuesFoundException's text,
    // not 409 (https://github.com/pnp/pnpcore/issues/1280, https://github.com/pnp/PnP-Sites-Core/pull/608).
    it('answers 500 for a value already held in an enforceUniqueValues column, whatever its case', async () => {
      const res = await graph.call('POST', items, { body: { fields: { Title: 'Dup', Upn: 'upn00001' } } });
      expect(res.status).toBe(500);
      expect((res.body as ErrorBody).error).toMatchObject({
        code: 'generalException',
        message:
          'The list item could not be added or updated because duplicate values were found in one or more fields in the list.',
      });
    });

    it('never reuses an item id, even after a delete', async () => {
      const a = await graph.ok<Item>('POST', items, { body: { fields: { Title: 'a', Upn: 'UPN-A' } } });
      await graph.ok('DELETE', `${items}/${a.id}`);
      const b = await graph.ok<Item>('POST', items, { body: { fields: { Title: 'b', Upn: 'UPN-A' } } });
      expect(Number(b.id)).toBe(Number(a.id) + 1);
    });
  });

  describe('person and lookup columns', () => {
    it('takes <Name>LookupId as a string and gives it back the same way; selecting the column gives the name', async () => {
      const senco = graph.store.ensureSiteUser(graph.siteId, {
        aadObjectId: '11111111-0000-4000-8000-000000000001',
        displayName: 'Jo Okafor',
        email: 'j.okafor@oakfield.example.org',
        upn: 'j.okafor@oakfield.example.org',
      });
      const item = await graph.ok<Item>('POST', items, {
        body: { fields: { Title: 'p', Upn: 'UPN-P', SencoLookupId: senco } },
      });
      expect(item.fields?.SencoLookupId).toBe(senco);
      const named = await graph.ok<Fields>('GET', `${items}/${item.id}/fields?$select=Senco,SencoLookupId`);
      expect(named).toMatchObject({ Senco: 'Jo Okafor', SencoLookupId: senco });
      const filtered = await graph.ok<Page>('GET', `${items}?$filter=fields/SencoLookupId eq '${senco}'`, {
        headers: PREFER,
      });
      expect(filtered.value.map((i) => i.id)).toEqual([item.id]);
    });

    it('fails a person id sent as a JSON number the way SharePoint does (General exception), and refuses unknown users', async () => {
      const senco = graph.store.ensureSiteUser(graph.siteId, {
        aadObjectId: 'a',
        displayName: 'A',
        email: 'a@x',
        upn: 'a@x',
      });
      const numeric = await graph.call('POST', items, {
        body: { fields: { Title: 'p', SencoLookupId: Number(senco) } },
      });
      expect(numeric.status).toBe(500);
      expect((numeric.body as ErrorBody).error).toMatchObject({
        code: 'generalException',
        message: 'General exception while processing',
      });
      const unknown = await graph.call('POST', items, {
        body: { fields: { Title: 'p', SencoLookupId: '999' } },
      });
      expect(unknown.status).toBe(400);
    });

    it('writes and reads lookup columns by id, and shows the looked-up value when selected', async () => {
      const classes = await graph.createList('Classes', []);
      const [willow] = graph.store.addItems(graph.siteId, classes, [{ Title: 'Year 4 Willow' }]);
      await graph.ok('POST', `/sites/${graph.siteId}/lists/${listId}/columns`, {
        body: { name: 'Class', lookup: { listId: classes, columnName: 'Title' } },
      });
      const item = await graph.ok<Item>('POST', items, {
        body: { fields: { Title: 'l', Upn: 'UPN-L', ClassLookupId: willow } },
      });
      expect(item.fields?.ClassLookupId).toBe(willow);
      expect(await graph.ok<Fields>('GET', `${items}/${item.id}/fields?$select=Class`)).toMatchObject({
        Class: 'Year 4 Willow',
      });
      expect(
        (await graph.call('POST', items, { body: { fields: { Title: 'l2', ClassLookupId: '404' } } })).status,
      ).toBe(400);
    });
  });

  describe('dates', () => {
    it('stores a dateOnly value as midnight in the site’s zone (London), as Graph returns it', async () => {
      const item = await graph.ok<Item>('POST', items, {
        body: { fields: { Title: 'd', Upn: 'UPN-D', ReviewDue: '2025-06-02' } },
      });
      expect(item.fields?.ReviewDue).toBe('2025-06-01T23:00:00Z');
      const winter = await graph.ok<Fields>('PATCH', `${items}/${item.id}/fields`, {
        body: { ReviewDue: '2025-12-02T15:30:00Z' },
      });
      expect(winter.ReviewDue).toBe('2025-12-02T00:00:00Z');
      const found = await graph.ok<Page>('GET', `${items}?$filter=fields/ReviewDue eq '2025-12-02'`);
      expect(found.value.map((i) => i.id)).toEqual([item.id]);
    });
  });

  describe('GET, PATCH and DELETE one item', () => {
    it('gets an item with its fields', async () => {
      const item = await graph.ok<Item>('GET', `${items}/3?$expand=fields($select=Surname)`);
      expect(item).toMatchObject({ id: '3', fields: { Surname: 'Łukasz' } });
      expect((await graph.call('GET', `${items}/9999`)).status).toBe(404);
      expect((await graph.call('GET', `${items}/abc`)).status).toBe(404);
    });

    it('PATCH …/fields answers 200 with the fieldValueSet and a new eTag', async () => {
      const before = await graph.ok<Item>('GET', `${items}/5`);
      graph.advance(5_000);
      const fields = await graph.ok<Fields>('PATCH', `${items}/5/fields`, {
        body: { Surname: 'Zoé' },
        headers: { 'if-match': before.eTag },
        caller: userCaller(),
      });
      expect(fields).toMatchObject({
        Surname: 'Zoé',
        Title: 'Pupil 4',
        _UIVersionString: '2.0',
        Modified: '2025-06-02T08:00:05Z',
      });
      expect(fields['@odata.etag']).not.toBe(before.eTag);
      expect(fields['@odata.etag']).toMatch(/,2"$/);
      const after = await graph.ok<Item>('GET', `${items}/5`);
      expect(after.eTag).toBe(fields['@odata.etag']);
      expect(after.lastModifiedBy.user?.email).toBe('j.okafor@oakfield.example.org');
      expect(after.createdDateTime).toBe(before.createdDateTime);
    });

    it('refuses a stale If-Match with 412 and keeps the newer value', async () => {
      const original = await graph.ok<Item>('GET', `${items}/6`);
      await graph.ok('PATCH', `${items}/6/fields`, {
        body: { Surname: 'First' },
        headers: { 'if-match': original.eTag },
      });
      const stale = await graph.call('PATCH', `${items}/6/fields`, {
        body: { Surname: 'Second' },
        headers: { 'if-match': original.eTag },
      });
      expect(stale.status).toBe(412);
      expect((await graph.ok<Fields>('GET', `${items}/6/fields?$select=Surname`)).Surname).toBe('First');
    });

    it('accepts If-Match: *, and the eTag with braces or in another case', async () => {
      expect(
        (
          await graph.call('PATCH', `${items}/7/fields`, {
            body: { Score: 70 },
            headers: { 'if-match': '*' },
          })
        ).status,
      ).toBe(200);
      const item = await graph.ok<Item>('GET', `${items}/7`);
      const [guid, version] = item.eTag.replace(/"/g, '').split(',');
      const braced = `"{${guid!.toUpperCase()}},${version}"`;
      expect(
        (
          await graph.call('PATCH', `${items}/7/fields`, {
            body: { Score: 71 },
            headers: { 'if-match': braced },
          })
        ).status,
      ).toBe(200);
    });

    // As on create: SPDuplicateValuesFoundException is a 500 (https://github.com/pnp/pnpcore/issues/1280).
    it('answers 500 when a PATCH would duplicate a unique value, and 400 for an unknown field', async () => {
      expect((await graph.call('PATCH', `${items}/8/fields`, { body: { Upn: 'UPN00001' } })).status).toBe(
        500,
      );
      // Its own value is not a duplicate of itself.
      expect((await graph.call('PATCH', `${items}/8/fields`, { body: { Upn: 'UPN00007' } })).status).toBe(
        200,
      );
      const unknown = await graph.call('PATCH', `${items}/8/fields`, { body: { Nope: 1 } });
      expect((unknown.body as ErrorBody).error.message).toBe("Field 'Nope' is not recognized");
    });

    it('frees a unique value when its item is deleted or the value cleared', async () => {
      await graph.ok('PATCH', `${items}/10/fields`, { body: { Upn: null } });
      expect(
        (await graph.call('POST', items, { body: { fields: { Title: 'n', Upn: 'UPN00009' } } })).status,
      ).toBe(201);
      await graph.ok('DELETE', `${items}/11`);
      expect(
        (await graph.call('POST', items, { body: { fields: { Title: 'n', Upn: 'UPN00010' } } })).status,
      ).toBe(201);
    });

    it('deletes with 204, honours If-Match, and answers 404 afterwards', async () => {
      const item = await graph.ok<Item>('GET', `${items}/12`);
      expect(
        (
          await graph.call('DELETE', `${items}/12`, {
            headers: { 'if-match': '"00000000-0000-0000-0000-000000000000,1"' },
          })
        ).status,
      ).toBe(412);
      const res = await graph.call('DELETE', `${items}/12`, { headers: { 'if-match': item.eTag } });
      expect(res.status).toBe(204);
      expect(res.body).toBeUndefined();
      expect((await graph.call('GET', `${items}/12`)).status).toBe(404);
      expect((await graph.call('DELETE', `${items}/12`)).status).toBe(404);
    });
  });
});

describe('GET …/items', () => {
  const graph = createTestGraph();
  let listId: string;
  let items: string;

  beforeAll(async () => {
    listId = await createPupils(graph, 450);
    items = `/sites/${graph.siteId}/lists/${listId}/items`;
  });

  it('pages 200 at a time by default with an absolute @odata.nextLink and an opaque $skiptoken', async () => {
    const pages = await allPages<Item>(graph, items);
    expect(pages.map((p) => p.value.length)).toEqual([200, 200, 50]);
    const ids = pages.flatMap((p) => p.value.map((i) => Number(i.id)));
    expect(new Set(ids).size).toBe(450);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const link = pages[0]!['@odata.nextLink']!;
    expect(link.startsWith(`${GRAPH_BASE}/sites/${graph.siteId}/lists/${listId}/items?`)).toBe(true);
    expect(link).toMatch(/\$skiptoken=[A-Za-z0-9_-]+$/);
    expect(pages[0]!.value[0]!.fields).toBeUndefined();
  });

  it('keeps $expand=fields($select=…), $filter and $top across pages', async () => {
    const pages = await allPages<Item>(
      graph,
      `${items}?$expand=fields($select=Title,Upn)&$top=40&$filter=fields/Score lt 100`,
    );
    expect(pages.map((p) => p.value.length)).toEqual([40, 40, 20]);
    const first = pages[0]!.value[0]!;
    expect(Object.keys(first.fields!).sort()).toEqual(['@odata.etag', 'Title', 'Upn']);
    expect(first.fields!['@odata.etag']).toBe(first.eTag);
  });

  it('accepts the $-less spelling Learn uses: ?expand=fields(select=…)', async () => {
    const page = await graph.ok<Page>('GET', `${items}?expand=fields(select=Surname)&$top=1`);
    expect(page.value[0]!.fields).toEqual({ '@odata.etag': page.value[0]!.eTag, Surname: "O'Brien" });
  });

  it('gives every field with $expand=fields, hidden custom columns excepted', async () => {
    const page = await graph.ok<Page>('GET', `${items}?$expand=fields&$top=1`);
    expect(page.value[0]!.fields).toMatchObject({
      id: '1',
      Title: 'Pupil 0',
      Surname: "O'Brien",
      Score: 0,
      OnRegister: true,
      AuthorLookupId: '1073741823',
    });
  });

  it('caps $top at 5,000 and refuses a bad one', async () => {
    expect((await graph.ok<Page>('GET', `${items}?$top=9999`)).value).toHaveLength(450);
    expect((await graph.call('GET', `${items}?$top=abc`)).status).toBe(400);
  });

  it("filters an indexed text column with a quoted apostrophe ('O''Brien')", async () => {
    const page = await graph.ok<Page>('GET', `${items}?$expand=fields&$filter=fields/Surname eq 'O''Brien'`);
    expect(page.value.map((i) => i.fields?.Surname)).toEqual(["O'Brien"]);
  });

  it.each([
    ["fields/Surname eq 'Zoë'", ['Zoë']],
    ["fields/Surname eq 'zoe'", ['Zoe']],
    ["fields/Surname eq 'Łukasz'", ['Łukasz']],
    ["startswith(fields/Surname,'ŁUK')", ['Łukasz']],
    ["fields/Surname eq 'Nowak' or fields/Surname eq 'Zoe'", ['Nowak', 'Zoe']],
    ["(fields/Surname eq 'Nowak' or fields/Surname eq 'Zoe') and fields/Score ge 4", ['Zoe']],
    ["fields/Surname ne 'Nowak' and fields/Score le 2", ["O'Brien", 'Zoë', 'Łukasz']],
  ])('filters non-Latin and combined clauses: %s', async (filter, expected) => {
    const page = await graph.ok<Page>(
      'GET',
      `${items}?$expand=fields($select=Surname)&$filter=${encodeURIComponent(filter)}`,
    );
    expect(page.value.map((i) => i.fields?.Surname)).toEqual(expected);
  });

  it('filters numbers, booleans and dates', async () => {
    const n = await graph.ok<Page>('GET', `${items}?$filter=fields/Score gt 446`);
    expect(n.value.map((i) => i.id)).toEqual(['448', '449', '450']);
    const dates = await graph.ok<Page>(
      'GET',
      `${items}?$filter=fields/ReviewDue ge '2025-09-01' and fields/Score lt 20`,
    );
    expect(dates.value.map((i) => i.id)).toEqual(['9', '18']);
    const b = await graph.ok<Page>(
      'GET',
      `${items}?$filter=fields/OnRegister eq false and fields/Score lt 6`,
      { headers: PREFER },
    );
    expect(b.value.map((i) => i.id)).toEqual(['2', '4', '6']);
  });

  it('answers 400 with Graph’s message for a filter on a non-indexed column', async () => {
    const res = await graph.call('GET', `${items}?$filter=fields/YearGroup eq 'Y3'`);
    expect(res.status).toBe(400);
    expect((res.body as ErrorBody).error).toMatchObject({
      code: 'invalidRequest',
      message:
        "Field 'YearGroup' cannot be referenced in filter or orderby as it is not indexed. Provide the 'Prefer: HonorNonIndexedQueriesWarningMayFailRandomly' header to allow this, but be warned that such queries may fail on large lists.",
    });
  });

  it('answers the same for $orderby on a non-indexed column, and for one non-indexed clause among indexed ones', async () => {
    expect((await graph.call('GET', `${items}?$orderby=fields/YearGroup`)).status).toBe(400);
    const mixed = await graph.call('GET', `${items}?$filter=fields/Score eq 1 and fields/YearGroup eq 'Y2'`);
    expect((mixed.body as ErrorBody).error.message).toMatch(/^Field 'YearGroup' cannot be referenced/);
  });

  it('allows the non-indexed filter with Prefer: HonorNonIndexedQueriesWarningMayFailRandomly', async () => {
    const page = await graph.ok<Page>('GET', `${items}?$filter=fields/YearGroup eq 'Y3'&$top=500`, {
      headers: PREFER,
    });
    expect(page.value).toHaveLength(75);
  });

  it('orders by an indexed column, descending, and pages in that order', async () => {
    const pages = await allPages<Item>(
      graph,
      `${items}?$orderby=fields/Score desc&$top=100&$expand=fields($select=Score)`,
    );
    const scores = pages.flatMap((p) => p.value.map((i) => i.fields?.Score as number));
    expect(pages).toHaveLength(5);
    expect(scores).toHaveLength(450);
    expect(scores[0]).toBe(449);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('orders text by collation and breaks ties by id, across pages', async () => {
    const pages = await allPages<Item>(
      graph,
      `${items}?$orderby=fields/YearGroup,fields/Score desc&$top=7&$filter=fields/Score lt 20`,
      { headers: PREFER },
    );
    const got = pages.flatMap((p) => p.value.map((i) => i.id));
    expect(got.slice(0, 4)).toEqual(['19', '13', '7', '1']);
    expect(new Set(got).size).toBe(20);
  });

  it('answers 400 for a filter on a column the list lacks, or on anything but fields/…', async () => {
    expect((await graph.call('GET', `${items}?$filter=fields/Nope eq 1`)).status).toBe(400);
    expect((await graph.call('GET', `${items}?$filter=createdDateTime gt 2025-01-01T00:00:00Z`)).status).toBe(
      400,
    );
  });

  it('refuses $count, $search and $skip rather than ignoring them', async () => {
    for (const option of ['$count=true', '$search=Ava', '$skip=10']) {
      expect((await graph.call('GET', `${items}?${option}`)).status).toBe(501);
    }
  });

  it('answers 400 for an invalid $skiptoken', async () => {
    expect((await graph.call('GET', `${items}?$skiptoken=garbage`)).status).toBe(400);
  });
});

describe('a list over the 5,000-item view threshold', () => {
  const graph = createTestGraph();
  let items: string;

  beforeAll(async () => {
    const listId = await createPupils(graph, 5001);
    items = `/sites/${graph.siteId}/lists/${listId}/items`;
  });

  it('still filters and orders on indexed columns', async () => {
    const page = await graph.ok<Page>(
      'GET',
      `${items}?$filter=fields/Upn eq 'UPN05000'&$expand=fields($select=Score)`,
    );
    expect(page.value.map((i) => i.fields?.Score)).toEqual([5000]);
    const top = await graph.ok<Page>('GET', `${items}?$orderby=fields/Score desc&$top=2`);
    expect(top.value.map((i) => i.id)).toEqual(['5001', '5000']);
  });

  it('pages through without a filter', async () => {
    const pages = await allPages<Item>(graph, `${items}?$top=5000`);
    expect(pages.map((p) => p.value.length)).toEqual([5000, 1]);
  });

  it('refuses a non-indexed filter even with the Prefer header, with SharePoint’s threshold message', async () => {
    const res = await graph.call('GET', `${items}?$filter=fields/YearGroup eq 'Y3'`, { headers: PREFER });
    expect(res.status).toBe(500);
    expect((res.body as ErrorBody).error.message).toBe(
      'The attempted operation is prohibited because it exceeds the list view threshold.',
    );
    expect((await graph.call('GET', `${items}?$filter=fields/YearGroup eq 'Y3'`)).status).toBe(400);
  });
});
