/**
 * npm run package: the zip a school uploads to Teams, read back as Teams would and validated offline against
 * Microsoft's v1.30 manifest schema (@microsoft/app-manifest).
 */
import type AjvClass from 'ajv-draft-04';
import type addFormatsFn from 'ajv-formats';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, inflateRawSync } from 'node:zlib';
import { buildPackage, packageSettings } from '../scripts/package.ts';
import { renderManifest } from '../scripts/render-manifest.ts';

const require = createRequire(import.meta.url);
const Ajv = require('ajv-draft-04') as typeof AjvClass;
const addFormats = require('ajv-formats') as typeof addFormatsFn;
const schema = JSON.parse(
  readFileSync(
    require.resolve('@microsoft/app-manifest/build/json-schemas/teams/v1.30/MicrosoftTeams.schema.json'),
    'utf8',
  ),
) as object;

const env = {
  PUBLIC_URL: 'https://senco-hub.oakfield.example.org',
  CLIENT_ID: '5e4c0b0b-0000-4000-8000-0000000c11e7',
  TEAMS_APP_ID: '9b0e2c1d-1111-4a2b-8c3d-123456789abc',
};

/** Every file in a zip, read from its central directory, each checked against its CRC-32. */
function unzip(archive: Buffer): Map<string, Buffer> {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBeGreaterThan(0);
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(archive.readUInt32LE(at)).toBe(0x02014b50);
    const method = archive.readUInt16LE(at + 10);
    const crc = archive.readUInt32LE(at + 16);
    const size = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const extra = archive.readUInt16LE(at + 30) + archive.readUInt16LE(at + 32);
    const local = archive.readUInt32LE(at + 42);
    const name = archive.toString('utf8', at + 46, at + 46 + nameLength);
    expect(archive.readUInt32LE(local)).toBe(0x04034b50);
    const dataStart = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const raw = archive.subarray(dataStart, dataStart + size);
    const data = method === 8 ? inflateRawSync(raw) : raw;
    expect(crc32(data) >>> 0, `${name} CRC`).toBe(crc);
    files.set(name, data);
    at += 46 + nameLength + extra;
  }
  return files;
}

let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'senco-hub-package-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('npm run package', () => {
  it('zips manifest.json and both icons at the root, and the manifest is valid against the v1.30 schema', () => {
    const path = buildPackage(packageSettings({ ...env, APP_VERSION: '1.4.0' }, '0.1.0'), out);
    expect(path).toBe(join(out, 'senco-hub-senco-hub.oakfield.example.org-1.4.0.zip'));
    const files = unzip(readFileSync(path));
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(files.get('color.png')).toEqual(readFileSync(new URL('../manifest/color.png', import.meta.url)));

    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Record<string, unknown>;
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(manifest).toMatchObject({
      id: env.TEAMS_APP_ID,
      version: '1.4.0',
      validDomains: ['senco-hub.oakfield.example.org'],
      webApplicationInfo: {
        id: env.CLIENT_ID,
        resource: `api://senco-hub.oakfield.example.org/${env.CLIENT_ID}`,
      },
      developer: {
        privacyUrl: 'https://senco-hub.oakfield.example.org/privacy',
        termsOfUseUrl: 'https://senco-hub.oakfield.example.org/terms',
      },
    });
  });

  it('links to privacy and terms pages the app serves (public/, served at /privacy and /terms)', () => {
    const manifest = renderManifest({
      appId: env.TEAMS_APP_ID,
      clientId: env.CLIENT_ID,
      hostname: 'h.example',
      version: '1.0.0',
    });
    const { privacyUrl, termsOfUseUrl } = manifest.developer as { privacyUrl: string; termsOfUseUrl: string };
    for (const url of [privacyUrl, termsOfUseUrl]) {
      const page = readFileSync(new URL(`../public${new URL(url).pathname}.html`, import.meta.url), 'utf8');
      expect(page).toMatch(/<html lang="en-GB">/);
      expect(page).toMatch(/<h1>/);
    }
  });

  it('takes the version from package.json when APP_VERSION is not set', () => {
    expect(packageSettings(env, '0.1.0').version).toBe('0.1.0');
  });

  it('names every missing or malformed setting', () => {
    const problems = (settings: Record<string, string>) => {
      try {
        packageSettings(settings, '0.1.0');
      } catch (err) {
        return (err as Error).message;
      }
      return 'accepted';
    };
    const none = problems({});
    for (const name of ['PUBLIC_URL: missing', 'CLIENT_ID: missing', 'TEAMS_APP_ID: missing'])
      expect(none).toContain(name);
    const bad = problems({
      PUBLIC_URL: 'http://senco-hub.oakfield.example.org',
      CLIENT_ID: 'oakfield',
      TEAMS_APP_ID: env.TEAMS_APP_ID,
      APP_VERSION: 'v2',
    });
    expect(bad).toMatch(/PUBLIC_URL: must start with https/);
    expect(bad).toMatch(/CLIENT_ID: 'oakfield' is not a GUID/);
    expect(bad).toMatch(/APP_VERSION: 'v2' must look like 1\.2\.3/);
    expect(bad).not.toMatch(/TEAMS_APP_ID/);
    expect(problems({ ...env, PUBLIC_URL: 'https://senco-hub.oakfield.example.org/app' })).toMatch(/no path/);
    expect(problems({ ...env, PUBLIC_URL: 'https://10.0.0.5' })).toMatch(/public domain name/);
    expect(problems({ ...env, PUBLIC_URL: 'https://senco-hub.oakfield.example.org:8443' })).toMatch(
      /default port/,
    );
  });

  it('exits non-zero and prints the problems when run with bad settings', () => {
    const script = fileURLToPath(new URL('../scripts/package.ts', import.meta.url));
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], {
      env: { PATH: process.env.PATH, PUBLIC_URL: 'https://senco-hub.oakfield.example.org' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('CLIENT_ID: missing');
    expect(run.stderr).toContain('TEAMS_APP_ID: missing');
  });
});
