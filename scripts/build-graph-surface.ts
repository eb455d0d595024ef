/**
 * Writes src/local365/graph/v1-surface.json: the Graph v1.0 operations (method, path template, query options)
 * under the resources the stand-in serves, read from Microsoft's OpenAPI-derived descriptions shipped in
 * @microsoft/teams.graph-endpoints. The stand-in refuses anything not listed there (see v1-surface.ts).
 *
 *   npx tsx scripts/build-graph-surface.ts          # regenerate
 *   npx tsx scripts/build-graph-surface.ts --check  # exit 1 if the committed file is stale
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type SurfaceOperation = { method: string; path: string; query: string[] };

/** Resource roots the stand-in serves; everything else in Graph is out of scope for it. */
const ROOTS = ['/sites', '/groups', '/users', '/me', '/teams', '/education', '/servicePrincipals'];

/** Subtrees under those roots the app will never call (mail, files, notes, devices…): left out to keep the file small. */
const SKIPPED_SEGMENTS = new Set([
  'onenote',
  'drive',
  'drives',
  'termStore',
  'termStores',
  'mailFolders',
  'contacts',
  'contactFolders',
  'todo',
  'planner',
  'insights',
  'authentication',
  'outlook',
  'inferenceClassification',
  'managedDevices',
  'threads',
  'conversations',
  'photos',
  'photo',
  'analytics',
  'documentSetVersions',
  'contentTypes',
  'onlineMeetings',
  'employeeExperience',
  'adhocCalls',
  'chats',
  'teamwork',
  'settings',
  'mailboxSettings',
  'cloudPCs',
  'deviceManagementTroubleshootingEvents',
  'managedAppRegistrations',
  'registeredDevices',
  'ownedDevices',
  'transitiveMemberOf',
  'memberOf',
  'oauth2PermissionGrants',
  'extensions',
  'pages',
  'assignments',
  'submissions',
  'rubrics',
  'modules',
  'assignmentCategories',
  'assignmentSettings',
  'assignmentDefaults',
  'schedule',
  'tags',
  'installedApps',
  'tabs',
  'operations',
  'permissionGrants',
  'filesFolder',
  'sharedWithTeams',
  'hostedContents',
  'attachments',
  'instances',
  'exceptionOccurrences',
  'calendarPermissions',
  'dataSecurityAndGovernance',
  'security',
  'solutions',
  'sponsors',
  'followedSites',
  'joinedTeams',
  'people',
  'presence',
  'informationProtection',
  'licenseDetails',
  'scopedRoleMemberOf',
  'createdObjects',
  'ownedObjects',
  'directReports',
  'calendarGroups',
  'acceptedSenders',
  'rejectedSenders',
  'groupLifecyclePolicies',
  'threads',
  'archive',
  'unarchive',
  // Service principals: the app reads its own app roles and who holds them; nothing else.
  'synchronization',
  'remoteDesktopSecurityConfiguration',
  'federatedIdentityCredentials',
  'delegatedPermissionClassifications',
]);

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (name === 'index.mjs') out.push(full);
  }
  return out;
}

export function readSurface(): SurfaceOperation[] {
  const require = createRequire(import.meta.url);
  const pkgDir = join(dirname(require.resolve('@microsoft/teams.graph-endpoints')), '..');
  const ops = new Map<string, SurfaceOperation>();
  const re = /method:"([a-z]+)",path:"([^"]+)"(?:,paramDefs:\{([^}]*)\})?/g;
  for (const file of walk(join(pkgDir, 'dist'), [])) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(re)) {
      const [, method, path, defs = ''] = m as unknown as [string, string, string, string | undefined];
      if (!ROOTS.some((r) => path === r || path.startsWith(`${r}/`))) continue;
      if (path.split('/').some((segment) => SKIPPED_SEGMENTS.has(segment))) continue;
      const query =
        /query:\[([^\]]*)\]/
          .exec(defs)?.[1]
          ?.match(/"([^"]+)"/g)
          ?.map((q) => q.slice(1, -1)) ?? [];
      const key = `${method.toUpperCase()} ${path}`;
      ops.set(key, { method: method.toUpperCase(), path, query: [...new Set(query)].sort() });
    }
  }
  return [...ops.values()].sort((a, b) =>
    a.path === b.path ? a.method.localeCompare(b.method) : a.path.localeCompare(b.path),
  );
}

const target = join(dirname(fileURLToPath(import.meta.url)), '../src/local365/graph/v1-surface.json');

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = `${JSON.stringify(readSurface())}\n`;
  if (process.argv.includes('--check')) {
    if (readFileSync(target, 'utf8') !== text) {
      console.error('v1-surface.json is stale: run npx tsx scripts/build-graph-surface.ts');
      process.exit(1);
    }
  } else {
    writeFileSync(target, text);
    console.log(`wrote ${target}`);
  }
}
