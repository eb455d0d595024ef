import { createTestGraph, GRAPH_BASE, HOSTNAME, type TestGraph } from './sharepoint-testing.ts';

type Column = {
  id: string;
  name: string;
  displayName: string;
  indexed: boolean;
  enforceUniqueValues: boolean;
  hidden: boolean;
  readOnly: boolean;
  text?: Record<string, unknown>;
  number?: Record<string, unknown>;
  dateTime?: Record<string, unknown>;
  choice?: Record<string, unknown>;
  boolean?: Record<string, unknown>;
  personOrGroup?: Record<string, unknown>;
  lookup?: Record<string, unknown>;
};
type List = {
  id: string;
  displayName: string;
  name: string;
  webUrl: string;
  eTag: string;
  list: { template: string; hidden: boolean };
  columns?: Column[];
};
type ErrorBody = { error: { code: string; message: string } };

const TYPED_COLUMNS = [
  { name: 'Notes', text: { allowMultipleLines: true, maxLength: 255 } },
  { name: 'Seats', number: { decimalPlaces: 'none', minimum: 0 } },
  { name: 'StartsAt', dateTime: { format: 'dateTime', displayAs: 'standard' }, indexed: true },
  {
    name: 'Status',
    choice: { choices: ['Open', 'Closed'], allowTextEntry: false, displayAs: 'dropDownMenu' },
  },
  { name: 'Urgent', boolean: {} },
  { name: 'Owner', personOrGroup: { allowMultipleSelection: false, chooseFromType: 'peopleOnly' } },
  { name: 'Upn', text: {}, indexed: true, enforceUniqueValues: true },
];

async function columns(graph: TestGraph, listId: string, query = ''): Promise<Column[]> {
  return (
    await graph.ok<{ value: Column[] }>('GET', `/sites/${graph.siteId}/lists/${listId}/columns${query}`)
  ).value;
}

describe('lists', () => {
  let graph: TestGraph;
  let listId: string;

  beforeEach(async () => {
    graph = createTestGraph();
    listId = await graph.createList('Bookings', TYPED_COLUMNS);
  });

  it('creates a genericList with typed columns and answers 201 with the list', async () => {
    const created = await graph.ok<List & { '@odata.context': string }>(
      'POST',
      `/sites/${graph.siteId}/lists`,
      {
        body: { displayName: 'Rooms', list: { template: 'genericList' } },
      },
    );
    expect(created).toMatchObject({
      displayName: 'Rooms',
      name: 'Rooms',
      webUrl: `https://${HOSTNAME}/sites/senco-hub/Lists/Rooms`,
      list: { template: 'genericList', hidden: false },
      '@odata.context': `${GRAPH_BASE}/$metadata#sites('${encodeURIComponent(graph.siteId)}')/lists/$entity`,
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.eTag).toBe(`"${created.id},1"`);

    const cols = await columns(graph, listId);
    const byName = Object.fromEntries(cols.map((c) => [c.name, c]));
    expect(byName.Title?.text).toMatchObject({ maxLength: 255 });
    expect(byName.Notes?.text).toMatchObject({ allowMultipleLines: true });
    expect(byName.Seats?.number).toMatchObject({ decimalPlaces: 'none', minimum: 0 });
    expect(byName.StartsAt).toMatchObject({
      indexed: true,
      dateTime: { format: 'dateTime', displayAs: 'standard' },
    });
    expect(byName.Status?.choice).toEqual({
      choices: ['Open', 'Closed'],
      allowTextEntry: false,
      displayAs: 'dropDownMenu',
    });
    expect(byName.Urgent?.boolean).toEqual({});
    expect(byName.Owner?.personOrGroup).toMatchObject({
      chooseFromType: 'peopleOnly',
      allowMultipleSelection: false,
    });
    expect(byName.Upn).toMatchObject({ indexed: true, enforceUniqueValues: true });
    expect(byName.Created).toMatchObject({ readOnly: true, indexed: false });
    expect(byName.ID).toMatchObject({ indexed: true });
  });

  it('always gives a genericList a Title column', async () => {
    const id = await graph.createList('Bare', []);
    expect((await columns(graph, id)).map((c) => c.name)).toContain('Title');
  });

  it('leaves hidden columns out of GET …/columns unless hidden is selected', async () => {
    expect((await columns(graph, listId)).some((c) => c.name === 'ItemChildCount')).toBe(false);
    const all = await columns(graph, listId, '?$select=name,hidden');
    expect(all.find((c) => c.name === 'ItemChildCount')).toEqual({
      name: 'ItemChildCount',
      hidden: true,
      id: expect.any(String),
    });
  });

  it('finds a list with $filter=displayName eq, case-insensitively, and by display name in the path', async () => {
    const found = await graph.ok<{ value: List[] }>(
      'GET',
      `/sites/${graph.siteId}/lists?$filter=displayName eq 'bookings'`,
    );
    expect(found.value.map((l) => l.id)).toEqual([listId]);
    const none = await graph.ok<{ value: List[] }>(
      'GET',
      `/sites/${graph.siteId}/lists?$filter=displayName eq 'Nope'`,
    );
    expect(none.value).toEqual([]);
    expect((await graph.ok<List>('GET', `/sites/${graph.siteId}/lists/Bookings`)).id).toBe(listId);
    expect((await graph.ok<List>('GET', `/sites/${graph.siteId}/lists/${listId.toUpperCase()}`)).id).toBe(
      listId,
    );
  });

  it('includes the site’s hidden User Information List in GET …/lists', async () => {
    const lists = await graph.ok<{ value: List[] }>(
      'GET',
      `/sites/${graph.siteId}/lists?$select=displayName,list`,
    );
    expect(lists.value.find((l) => l.displayName === 'User Information List')?.list.hidden).toBe(true);
  });

  it('expands columns on a list', async () => {
    const list = await graph.ok<List>(
      'GET',
      `/sites/${graph.siteId}/lists/${listId}?$expand=columns($select=name,indexed)`,
    );
    expect(list.columns?.find((c) => c.name === 'Upn')).toEqual({
      id: expect.any(String),
      name: 'Upn',
      indexed: true,
    });
    expect((await graph.call('GET', `/sites/${graph.siteId}/lists/${listId}?$expand=pupils`)).status).toBe(
      400,
    );
  });

  it('answers 404 for an unknown list', async () => {
    const res = await graph.call('GET', `/sites/${graph.siteId}/lists/00000000-0000-4000-8000-000000000000`);
    expect(res.status).toBe(404);
    expect((res.body as ErrorBody).error.code).toBe('itemNotFound');
  });

  it('answers 409 for a second list with the same title', async () => {
    const res = await graph.call('POST', `/sites/${graph.siteId}/lists`, {
      body: { displayName: 'BOOKINGS', list: { template: 'genericList' } },
    });
    expect(res.status).toBe(409);
    expect((res.body as ErrorBody).error.code).toBe('nameAlreadyExists');
  });

  it('answers 400 for enforceUniqueValues without indexed, as SharePoint does', async () => {
    const res = await graph.call('POST', `/sites/${graph.siteId}/lists`, {
      body: { displayName: 'Pupils', columns: [{ name: 'Upn', text: {}, enforceUniqueValues: true }] },
    });
    expect(res.status).toBe(400);
    expect((res.body as ErrorBody).error.message).toBe(
      'This field must be indexed to enforce unique values.',
    );
    // Nothing of the refused list was written.
    expect(
      (
        await graph.ok<{ value: List[] }>(
          'GET',
          `/sites/${graph.siteId}/lists?$filter=displayName eq 'Pupils'`,
        )
      ).value,
    ).toEqual([]);
  });

  it.each([
    [{ name: 'Both', text: {}, number: {} }, 400],
    [{ name: 'NoType' }, 400],
    [{ name: 'Bad name!', text: {} }, 400],
    [{ name: 'Long', text: { allowMultipleLines: true }, indexed: true }, 400],
    [{ name: 'Mood', choice: { choices: [] } }, 400],
    [{ name: 'Format', dateTime: { format: 'weekly' } }, 400],
    [{ name: 'Price', currency: {} }, 501],
    [{ name: 'Helpers', personOrGroup: { allowMultipleSelection: true } }, 501],
  ])('refuses the column %j with %i', async (column, status) => {
    const res = await graph.call('POST', `/sites/${graph.siteId}/lists/${listId}/columns`, { body: column });
    expect(res.status).toBe(status);
  });

  it('adds a column with POST …/columns and refuses a duplicate name', async () => {
    const added = await graph.ok<Column>('POST', `/sites/${graph.siteId}/lists/${listId}/columns`, {
      body: { name: 'Room', text: {} },
    });
    expect(added).toMatchObject({
      name: 'Room',
      displayName: 'Room',
      indexed: false,
      text: { maxLength: 255 },
    });
    const again = await graph.call('POST', `/sites/${graph.siteId}/lists/${listId}/columns`, {
      body: { name: 'room', number: {} },
    });
    expect(again.status).toBe(409);
    expect(
      (await graph.ok<Column>('GET', `/sites/${graph.siteId}/lists/${listId}/columns/${added.id}`)).name,
    ).toBe('Room');
  });

  // Every list has SharePoint's base data fields ([MS-WSSTS] 2.4.2,
  // https://learn.microsoft.com/openspecs/sharepoint_protocols/ms-wssts/bac496c6-c19e-4243-94e0-4f92477b6e82), and a
  // list's field names and titles are each unique: 'Version' is _UIVersionString's title, 'Name' FileLeafRef's.
  it.each([
    [{ name: 'Version', number: {} }],
    [{ name: 'version', text: {} }],
    [{ name: 'Name', text: {} }],
    [{ name: 'FileLeafRef', text: {} }],
    [{ name: 'owshiddenversion', number: {} }],
    [{ name: 'Stage', displayName: 'Created By', text: {} }],
  ])('refuses a column taking a name or title SharePoint reserves: %j', async (column) => {
    const res = await graph.call('POST', `/sites/${graph.siteId}/lists/${listId}/columns`, { body: column });
    expect(res.status).toBe(409);
    expect((res.body as ErrorBody).error.message).toMatch(/^A duplicate field name ".+" was found\.$/);
  });

  it('refuses a reserved column name in POST …/lists too, creating nothing', async () => {
    const res = await graph.call('POST', `/sites/${graph.siteId}/lists`, {
      body: {
        displayName: 'Passports',
        list: { template: 'genericList' },
        columns: [{ name: 'Version', number: {} }],
      },
    });
    expect(res.status).toBe(409);
    expect(graph.store.listLists(graph.siteId).map((l) => l.displayName)).not.toContain('Passports');
  });

  it('indexes a column with PATCH {"indexed": true}', async () => {
    const seats = (await columns(graph, listId)).find((c) => c.name === 'Seats')!;
    const patched = await graph.ok<Column>(
      'PATCH',
      `/sites/${graph.siteId}/lists/${listId}/columns/${seats.id}`,
      { body: { indexed: true } },
    );
    expect(patched).toMatchObject({ name: 'Seats', indexed: true });
    expect((await columns(graph, listId)).find((c) => c.name === 'Seats')?.indexed).toBe(true);
    // SharePoint's own columns can be indexed too, but not redefined.
    const created = (await columns(graph, listId)).find((c) => c.name === 'Created')!;
    expect(
      (
        await graph.call('PATCH', `/sites/${graph.siteId}/lists/${listId}/columns/${created.id}`, {
          body: { indexed: true },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await graph.call('PATCH', `/sites/${graph.siteId}/lists/${listId}/columns/${created.id}`, {
          body: { displayName: 'Made' },
        })
      ).status,
    ).toBe(400);
  });

  it('refuses to drop the index of a unique column, or to make a non-indexed column unique', async () => {
    const cols = await columns(graph, listId);
    const upn = cols.find((c) => c.name === 'Upn')!;
    const seats = cols.find((c) => c.name === 'Seats')!;
    const drop = await graph.call('PATCH', `/sites/${graph.siteId}/lists/${listId}/columns/${upn.id}`, {
      body: { indexed: false },
    });
    expect(drop.status).toBe(400);
    const unique = await graph.call('PATCH', `/sites/${graph.siteId}/lists/${listId}/columns/${seats.id}`, {
      body: { enforceUniqueValues: true },
    });
    expect((unique.body as ErrorBody).error.message).toBe(
      'This field must be indexed to enforce unique values.',
    );
    const ok = await graph.call('PATCH', `/sites/${graph.siteId}/lists/${listId}/columns/${seats.id}`, {
      body: { indexed: true, enforceUniqueValues: true },
    });
    expect(ok.status).toBe(200);
  });

  it('refuses to make a column unique while its values repeat', async () => {
    graph.store.addItems(graph.siteId, listId, [
      { Title: 'a', Seats: 2 },
      { Title: 'b', Seats: 2 },
    ]);
    const seats = (await columns(graph, listId)).find((c) => c.name === 'Seats')!;
    const res = await graph.call('PATCH', `/sites/${graph.siteId}/lists/${listId}/columns/${seats.id}`, {
      body: { indexed: true, enforceUniqueValues: true },
    });
    expect(res.status).toBe(400);
    // The refused PATCH left the column as it was.
    expect((await columns(graph, listId)).find((c) => c.name === 'Seats')?.indexed).toBe(false);
  });

  it('creates a lookup column to another list of the site, and refuses one to a missing list', async () => {
    const rooms = await graph.createList('Rooms', []);
    const ok = await graph.call('POST', `/sites/${graph.siteId}/lists/${listId}/columns`, {
      body: { name: 'Room', lookup: { listId: rooms, columnName: 'Title' } },
    });
    expect(ok.status).toBe(201);
    const bad = await graph.call('POST', `/sites/${graph.siteId}/lists/${listId}/columns`, {
      body: {
        name: 'Room2',
        lookup: { listId: '00000000-0000-4000-8000-000000000000', columnName: 'Title' },
      },
    });
    expect(bad.status).toBe(400);
    // A list another list looks up cannot be deleted.
    expect((await graph.call('DELETE', `/sites/${graph.siteId}/lists/${rooms}`)).status).toBe(400);
  });

  it('deletes a list with 204', async () => {
    const id = await graph.createList('Scratch', []);
    expect((await graph.call('DELETE', `/sites/${graph.siteId}/lists/${id}`)).status).toBe(204);
    expect((await graph.call('GET', `/sites/${graph.siteId}/lists/${id}`)).status).toBe(404);
  });

  it('keeps the User Information List read-only to apps', async () => {
    const res = await graph.call('POST', `/sites/${graph.siteId}/lists/User Information List/items`, {
      body: { fields: { Title: 'x' } },
    });
    expect(res.status).toBe(403);
  });

  it('models only genericList lists', async () => {
    const res = await graph.call('POST', `/sites/${graph.siteId}/lists`, {
      body: { displayName: 'Docs', list: { template: 'documentLibrary' } },
    });
    expect(res.status).toBe(501);
  });
});
