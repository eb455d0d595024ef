/**
 * npm run package: the Teams app package a school uploads in the Teams admin centre.
 *
 *   PUBLIC_URL=https://senco-hub.school.example CLIENT_ID=… TEAMS_APP_ID=… [APP_VERSION=1.0.0] npm run package
 *
 * Fills manifest/manifest.template.json from those settings and zips manifest.json, color.png and outline.png at
 * the root of dist/senco-hub-{host}-{version}.zip, whose path it prints. Any missing or malformed setting stops it
 * with a non-zero exit naming each one.
 * https://learn.microsoft.com/en-us/microsoftteams/platform/concepts/build-and-test/apps-package
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderManifest } from './render-manifest.ts';
import { zip } from './zip.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class PackageSettingsError extends Error {
  override name = 'PackageSettingsError';
}

export type PackageSettings = { hostname: string; clientId: string; appId: string; version: string };

/** Reads and checks the settings, naming every problem at once. */
export function packageSettings(
  env: Record<string, string | undefined>,
  defaultVersion: string,
): PackageSettings {
  const problems: string[] = [];
  let hostname = '';
  const publicUrl = env.PUBLIC_URL;
  if (!publicUrl) problems.push('PUBLIC_URL: missing — the https address SENCO Hub is reached at');
  else {
    let url: URL | undefined;
    try {
      url = new URL(publicUrl);
    } catch {
      problems.push(`PUBLIC_URL: '${publicUrl}' is not a URL`);
    }
    if (url && url.protocol !== 'https:')
      problems.push('PUBLIC_URL: must start with https:// (Teams loads tabs over HTTPS only)');
    else if (url && !['', '/'].includes(url.pathname + url.search + url.hash))
      problems.push(
        'PUBLIC_URL: must be the server’s address with no path, e.g. https://senco-hub.school.example.org',
      );
    else if (url && (url.port !== '' || /^[\d.]+$|^\[/.test(url.hostname) || !url.hostname.includes('.')))
      problems.push(
        'PUBLIC_URL: must be a public domain name on the default port (Teams app domains cannot be IP addresses or carry ports)',
      );
    else if (url) hostname = url.hostname;
  }
  const guid = (key: string, what: string) => {
    const value = env[key];
    if (!value) problems.push(`${key}: missing — ${what}`);
    else if (!GUID.test(value)) problems.push(`${key}: '${value}' is not a GUID — ${what}`);
    return value ?? '';
  };
  const clientId = guid('CLIENT_ID', 'the app registration’s Application (client) ID');
  const appId = guid(
    'TEAMS_APP_ID',
    'the Teams app id, made once (e.g. with New-Guid) and kept for every version',
  );
  const version = env.APP_VERSION ?? defaultVersion;
  if (!/^\d{1,5}\.\d{1,5}\.\d{1,5}$/.test(version))
    problems.push(`APP_VERSION: '${version}' must look like 1.2.3 (and go up with each package uploaded)`);
  if (problems.length)
    throw new PackageSettingsError(
      `Cannot make the Teams app package:\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
  return { hostname, clientId, appId, version: version };
}

/** Writes the package and returns its path. */
export function buildPackage(settings: PackageSettings, outDir = join(root, 'dist')): string {
  const manifest = renderManifest(settings);
  const icon = (name: string) => readFileSync(join(root, 'manifest', name));
  const archive = zip(
    [
      { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') },
      { name: 'color.png', data: icon('color.png') },
      { name: 'outline.png', data: icon('outline.png') },
    ],
    new Date(),
  );
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, `senco-hub-${settings.hostname}-${settings.version}.zip`);
  writeFileSync(path, archive);
  return path;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  try {
    console.log(buildPackage(packageSettings(process.env, version)));
  } catch (err) {
    if (!(err instanceof PackageSettingsError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
}
