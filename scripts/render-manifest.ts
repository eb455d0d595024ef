/**
 * Fills the Teams app manifest template (manifest/manifest.template.json) for one school's deployment.
 * Values are checked, so a typo fails here rather than in Teams Admin Center.
 */
import { readFileSync } from 'node:fs';

export type ManifestValues = {
  /** The Teams app id (GUID): stable across versions of the package. */
  appId: string;
  /** The Entra app registration's client id, also the bot id. */
  clientId: string;
  /** Where the school's SENCO Hub server is reached, e.g. 'senco-hub.oakfield.example.org'. */
  hostname: string;
  version: string;
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function renderManifest(values: ManifestValues): Record<string, unknown> {
  for (const key of ['appId', 'clientId'] as const) {
    if (!GUID.test(values[key])) throw new Error(`${key} must be a GUID, got '${values[key]}'`);
  }
  if (!/^[a-z0-9.-]+(:\d+)?$/i.test(values.hostname))
    throw new Error(`hostname must be a host name without scheme or path, got '${values.hostname}'`);
  if (!/^\d+\.\d+\.\d+$/.test(values.version))
    throw new Error(`version must look like 1.2.3, got '${values.version}'`);
  const template = readFileSync(new URL('../manifest/manifest.template.json', import.meta.url), 'utf8');
  const filled = template
    .replaceAll('{{APP_ID}}', values.appId)
    .replaceAll('{{CLIENT_ID}}', values.clientId)
    .replaceAll('{{HOSTNAME}}', values.hostname)
    .replaceAll('{{VERSION}}', values.version);
  const left = /\{\{[A-Z_]+\}\}/.exec(filled);
  if (left) throw new Error(`manifest template has an unfilled value ${left[0]}`);
  return JSON.parse(filled) as Record<string, unknown>;
}
