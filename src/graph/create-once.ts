import type { GraphConnection } from './graph-client.ts';
import { GraphRequestError } from './graph-request-error.ts';
import { getAllPages, graphPost } from './graph-requests.ts';
import { createFields, type Fields, type SharePointItem } from './list-fields.ts';
import { eq, itemsQueryString } from './odata.ts';

/**
 * Creating a list item keyed by a unique column, when a failure does not say whether the item was created.
 * SharePoint refuses a duplicate in a unique column with 500 and SPDuplicateValuesFoundException's text
 * ("…duplicate values were found…", https://github.com/pnp/pnpcore/issues/1280), not with 409; and a 503, a
 * timeout or a dropped connection can come after the write was applied. So any failed create is "maybe
 * created": the key is read back before the failure is believed.
 */

export type KeyedCreate = {
  /** `/sites/{s}/lists/{l}/items` */
  itemsPath: string;
  key: { column: string; value: string };
  fields: Fields;
};

export type CreateOutcome = {
  item: SharePointItem;
  /** The create failed but an item holding the key was found: ours from an attempt that failed on the way back, or another writer's. */
  alreadyStored: boolean;
};

/** The item holding `value` in the unique column, if any (SharePoint compares unique text without case; so does the filter). */
export async function findItemByKey(
  connection: GraphConnection,
  itemsPath: string,
  key: { column: string; value: string },
  operation: string,
): Promise<SharePointItem | undefined> {
  const items = await getAllPages<SharePointItem>(
    connection,
    `${itemsPath}${itemsQueryString({ filter: eq(key.column, key.value) })}`,
    operation,
  );
  return items[0];
}

/**
 * POSTs the item; if that fails in any way, looks the key up. Found: the stored item, `alreadyStored`. Not found
 * (or the look-up failed too): the create's own error.
 */
export async function createOnce(
  connection: GraphConnection,
  create: KeyedCreate,
  operation: string,
): Promise<CreateOutcome> {
  try {
    const item = await graphPost<SharePointItem>(
      connection,
      create.itemsPath,
      { fields: createFields(create.fields) },
      operation,
    );
    return { item, alreadyStored: false };
  } catch (err) {
    const stored = await findItemByKey(
      connection,
      create.itemsPath,
      create.key,
      `${operation} (reading the key back after a failed create)`,
    ).catch(() => undefined);
    if (stored) return { item: stored, alreadyStored: true };
    throw err;
  }
}

/**
 * A create whose key turned out to be stored already (by an earlier attempt of ours or by someone else):
 * status 409, as a conflict on the key, whatever SharePoint answered the create with. `stored` is that item.
 */
export class KeyTakenError extends GraphRequestError {
  override name = 'KeyTakenError';
  constructor(
    operation: string,
    key: { column: string; value: string },
    readonly stored: SharePointItem,
  ) {
    super({
      status: 409,
      code: 'keyTaken',
      message: `an item with ${key.column} '${key.value}' is stored already (item ${stored.id})`,
      operation,
    });
  }
}
