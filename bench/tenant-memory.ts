/**
 * Run by bench/run.ts as a process of its own: what a tenant-mode server holds for a school, without the local
 * stand-in (its SQLite, its copy of the school) in the same process. It reads the school's records from the
 * bench's running stand-in exactly as the server does in a school (the same replica, over Graph), builds the
 * register's rows for the SEND team, and prints its resident memory once that is all held.
 *
 *   node --expose-gc --import tsx bench/tenant-memory.ts <baseUrl> <sharePointHostname>
 *
 * The HTTP server, bot and scheduler around them add a fixed amount (Node, Express and the Teams SDK, loaded
 * whatever the school's size), which `baselineMb` measures: the same process before it reads anything.
 */
import { rssMbOf } from './app-process.ts';
import { LOCAL_CLIENT_ID } from '../src/server/config.ts';
import { findSiteId } from '../src/graph/site.ts';
import { createSendRecords } from '../src/graph/send-records-replica.ts';
import { localAppConnection } from '../src/graph/testing/local-connection.ts';
import { createRegisterRowsCache } from '../src/server/api/register-rows.ts';
import type { Caller } from '../src/server/access/caller.ts';

const [baseUrl, hostname] = process.argv.slice(2);
if (!baseUrl || !hostname) throw new Error('usage: tenant-memory.ts <baseUrl> <sharePointHostname>');

const gc = (globalThis as { gc?: () => void }).gc;
const settle = () => {
  gc?.();
  return rssMbOf(process.pid);
};

// The app's code loaded, nothing read yet: Express and the Teams SDK as the server loads them.
await import('express');
await import('@microsoft/teams.apps');
const baselineMb = settle();

const connection = localAppConnection({
  baseUrl,
  graphRoot: `${baseUrl}/local365/graph`,
  clientId: LOCAL_CLIENT_ID,
});
const siteId = await findSiteId({ connection, siteUrl: `https://${hostname}/sites/senco-hub` });
const replica = createSendRecords({ connection, siteId, pollIntervalMs: 60 * 60_000 });
await replica.start();
const senco: Caller = {
  userId: 'bench-senco',
  upn: 'senco@bench.example',
  name: 'Bench SENCO',
  roles: ['Senco'],
  person: 'staff',
  taughtClasses: [],
  taughtPupilUpns: new Set(),
  assignedPupilIds: new Set(),
};
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()) as never;
const rows = createRegisterRowsCache(replica).rows({ caller: senco, today, classes: [], sort: 'name' });
const heldMb = settle();
console.log(
  JSON.stringify({ baselineMb, heldMb, pupils: replica.pupils().length, registerRows: rows.length }),
);
await replica.stop();
process.exit(0);
