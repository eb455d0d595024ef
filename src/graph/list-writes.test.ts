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

  it('sends If-Match with the version and answers with the item as stored', async () => {
    const stored = item({ WriteId: 'w1' });
    const { writes, patches } = setup({ stored });
    const saved = await writes.patchIfMatch({
      key: 'passports',
      itemId: '7',
      fields: { Value: 'x', WriteId: 'w1' },
      version: '"v1"',
      operation: 'save',
      conflict,
    });
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
    const { writes } = setup({ stored, patch: () => Promise.reject(failure(412)) });
    await expect(
      writes.patchIfMatch({
        key: 'passports',
        itemId: '7',
        fields: { WriteId: 'w1' },
        version: '"v1"',
        operation: 'save',
        conflict,
      }),
    ).resolves.toBe(stored);
  });

  it('a 412 on an item someone else changed is the caller’s conflict', async () => {
    const { writes } = setup({
      stored: item({ WriteId: 'theirs' }),
      patch: () => Promise.reject(failure(412)),
    });
    await expect(
      writes.patchIfMatch({
        key: 'passports',
        itemId: '7',
        fields: { WriteId: 'w1' },
        version: '"v1"',
        operation: 'save',
        conflict,
      }),
    ).rejects.toThrow('someone else changed it');
  });

  it('a failure that was applied after all counts as applied; one that was not is thrown as it came', async () => {
    const applied = setup({ stored: item({ WriteId: 'w1' }), patch: () => Promise.reject(failure(504)) });
    await expect(
      applied.writes.patchIfMatch({
        key: 'passports',
        itemId: '7',
        fields: { WriteId: 'w1' },
        version: '"v1"',
        operation: 'save',
        conflict,
      }),
    ).resolves.toMatchObject({ fields: { WriteId: 'w1' } });
    const refused = setup({ stored: item({ WriteId: 'before' }), patch: () => Promise.reject(failure(429)) });
    await expect(
      refused.writes.patchIfMatch({
        key: 'passports',
        itemId: '7',
        fields: { WriteId: 'w1' },
        version: '"v1"',
        operation: 'save',
        conflict,
      }),
    ).rejects.toMatchObject({ status: 429 });
  });

  it('on a list without WriteId, a 412 is ours only when the item as stored says what we wrote', async () => {
    const said = (current: SharePointItem) => current.fields?.['Note'] === 'Good';
    const same = setup({ stored: item({ Note: 'Good' }), patch: () => Promise.reject(failure(412)) });
    await expect(
      same.writes.patchIfMatch({
        key: 'passports',
        itemId: '7',
        fields: { Note: 'Good' },
        ours: said,
        version: '"v1"',
        operation: 'record',
        conflict,
      }),
    ).resolves.toMatchObject({ fields: { Note: 'Good' } });
    const other = setup({ stored: item({ Note: 'Short' }), patch: () => Promise.reject(failure(412)) });
    await expect(
      other.writes.patchIfMatch({
        key: 'passports',
        itemId: '7',
        fields: { Note: 'Good' },
        ours: said,
        version: '"v1"',
        operation: 'record',
        conflict,
      }),
    ).rejects.toThrow('someone else changed it');
  });
});
