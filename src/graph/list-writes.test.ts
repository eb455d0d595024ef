import type { GraphConnection } from './graph-client.ts';
import { GraphRequestError } from './graph-request-error.ts';
import type { Fields, SharePointItem } from './list-fields.ts';
import { listWrites } from './list-writes.ts';

/**
 * createOnce and patchIfMatch decide from what SharePoint holds after a failure, not from the failure alone:
 * a create or a PATCH that "failed" may have been applied.
 */

const failure = (status: number) =>
  new GraphRequestError({ status, message: `failed with ${status}`, operation: 'test' });

const item = (fields: Fields): SharePointItem => ({
  id: '7',
  eTag: '"{11111111-1111-1111-1111-111111111111},2"',
  lastModifiedDateTime: '2026-01-20T12:00:00Z',
  fields,
});

function setup(options: {
  create?: () => Promise<SharePointItem>;
  stored?: SharePointItem | undefined;
  patch?: () => Promise<unknown>;
}) {
  const patches: { path: string; headers: Record<string, string>; body: unknown }[] = [];
  const connection = {
    client: {
      api: (path: string) => {
        const request = {
          headers: (headers: Record<string, string>) => ({
            patch: async (body: unknown) => {
              patches.push({ path, headers, body });
              return options.patch ? options.patch() : {};
            },
          }),
        };
        return request;
      },
    },
    toRequestPath: (link: string) => link,
  } as unknown as GraphConnection;
  const writes = listWrites<'passports'>({
    connection,
    itemsPath: () => '/sites/s/lists/l/items',
    keyColumn: () => 'VersionKey',
    createItem: options.create ?? (() => Promise.resolve(item({ VersionKey: 'p#1' }))),
    findByKey: () => Promise.resolve(options.stored),
    getItem: () => (options.stored ? Promise.resolve(options.stored) : Promise.reject(failure(503))),
  });
  return { writes, patches };
}

describe('createOnce', () => {
  it('reads the key back after any failed create, and answers with the item found', async () => {
    for (const status of [409, 500, 503, 0]) {
      const stored = item({ VersionKey: 'p#1', WriteId: 'ours' });
      const { writes } = setup({ create: () => Promise.reject(failure(status)), stored });
      await expect(writes.createOnce('passports', { VersionKey: 'p#1' }, 'save')).resolves.toBe(stored);
    }
  });

  it('throws the create’s own failure when nothing is stored under the key', async () => {
    const { writes } = setup({ create: () => Promise.reject(failure(429)), stored: undefined });
    await expect(writes.createOnce('passports', { VersionKey: 'p#1' }, 'save')).rejects.toMatchObject({
      status: 429,
    });
  });
});

describe('patchIfMatch', () => {
  const conflict = () => new Error('someone else changed it');

  /** What a save writes: our WriteId, or (on a list without one) fields it can recognise as its own. */
  type Write =
    { fields: Fields & { WriteId: string } } | { fields: Fields; ours: (current: SharePointItem) => boolean };

  /** Our save of item 7 at version "v1", writing our WriteId w1 unless `write` says otherwise. */
  const ourSave = (
    writes: ReturnType<typeof setup>['writes'],
    write: Write = { fields: { WriteId: 'w1' } },
    operation = 'save',
  ) => writes.patchIfMatch({ key: 'passports', itemId: '7', version: '"v1"', operation, conflict, ...write });

  /** SharePoint answers the PATCH with `status`; reading the item back finds `stored`. */
  const patchFails = (status: number, stored: SharePointItem) =>
    setup({ stored, patch: () => Promise.reject(failure(status)) }).writes;

  it('sends If-Match with the version and answers with the item as stored', async () => {
    const stored = item({ WriteId: 'w1' });
    const { writes, patches } = setup({ stored });
    const saved = await ourSave(writes, { fields: { Value: 'x', WriteId: 'w1' } });
    expect(saved).toBe(stored);
    expect(patches).toEqual([
      {
        path: '/sites/s/lists/l/items/7/fields',
        headers: { 'If-Match': '"v1"' },
        body: { Value: 'x', WriteId: 'w1' },
      },
    ]);
  });

  it('a 412 on an item carrying our WriteId is our own retried PATCH: applied', async () => {
    const stored = item({ WriteId: 'w1' });
    await expect(ourSave(patchFails(412, stored))).resolves.toBe(stored);
  });

  it('a 412 on an item someone else changed is the caller’s conflict', async () => {
    await expect(ourSave(patchFails(412, item({ WriteId: 'theirs' })))).rejects.toThrow(
      'someone else changed it',
    );
  });

  it('a failure that was applied after all counts as applied; one that was not is thrown as it came', async () => {
    await expect(ourSave(patchFails(504, item({ WriteId: 'w1' })))).resolves.toMatchObject({
      fields: { WriteId: 'w1' },
    });
    await expect(ourSave(patchFails(429, item({ WriteId: 'before' })))).rejects.toMatchObject({
      status: 429,
    });
  });

  it('on a list without WriteId, a 412 is ours only when the item as stored says what we wrote', async () => {
    const recordGood = {
      fields: { Note: 'Good' },
      ours: (current: SharePointItem) => current.fields?.['Note'] === 'Good',
    };
    await expect(
      ourSave(patchFails(412, item({ Note: 'Good' })), recordGood, 'record'),
    ).resolves.toMatchObject({
      fields: { Note: 'Good' },
    });
    await expect(ourSave(patchFails(412, item({ Note: 'Short' })), recordGood, 'record')).rejects.toThrow(
      'someone else changed it',
    );
  });
});
