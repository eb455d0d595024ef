import type AjvClass from 'ajv-draft-04';
import type addFormatsFn from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import { renderManifest } from '../scripts/render-manifest.ts';

const require = createRequire(import.meta.url);
// CommonJS packages: required directly, their exports are the class and the plugin.
const Ajv = require('ajv-draft-04') as typeof AjvClass;
const addFormats = require('ajv-formats') as typeof addFormatsFn;
const schema = JSON.parse(
  readFileSync(
    require.resolve('@microsoft/app-manifest/build/json-schemas/teams/v1.30/MicrosoftTeams.schema.json'),
    'utf8',
  ),
) as object;

const values = {
  appId: '9b0e2c1d-1111-4a2b-8c3d-123456789abc',
  clientId: '5e4c0b0b-0000-4000-8000-0000000c11e7',
  hostname: 'senco-hub.oakfield.example.org',
  version: '0.1.0',
};

/** Width, height and RGBA pixels of a non-interlaced 8-bit RGBA PNG (what scripts/make-icons.ts writes). */
function readPng(path: string): { width: number; height: number; pixels: Buffer } {
  const buf = readFileSync(new URL(path, import.meta.url));
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let o = 8; o < buf.length;) {
    const len = buf.readUInt32BE(o);
    if (buf.toString('ascii', o + 4, o + 8) === 'IDAT') idat.push(buf.subarray(o + 8, o + 8 + len));
    o += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++)
    raw.copy(pixels, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  return { width, height, pixels };
}

describe('the Teams app manifest', () => {
  it('is valid against the v1.30 schema once filled in', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const ok = validate(renderManifest(values));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('offers the class view as a configurable tab for teams and group chats only', () => {
    const manifest = renderManifest(values) as { configurableTabs: { scopes: string[] }[] };
    expect(manifest.configurableTabs[0]!.scopes).toEqual(['team', 'groupChat']);
  });

  it('declares the one search the bot answers, described for Microsoft 365 Copilot', () => {
    type Command = {
      id: string;
      initialRun: boolean;
      description: string;
      semanticDescription: string;
      parameters: { name: string; description: string; semanticDescription: string }[];
    };
    const manifest = renderManifest(values) as {
      composeExtensions: { commands: Command[]; messageHandlers: { value: { domains: string[] } }[] }[];
    };
    const [extension] = manifest.composeExtensions;
    expect(extension!.commands.map((c) => c.id)).toEqual(['findPupil']);
    const command = extension!.commands[0]!;
    expect(command.initialRun).toBe(true);
    expect(command.description.length).toBeGreaterThan(20);
    expect(command.semanticDescription).toMatch(/first name and last initial/);
    // The bot reads the parameter named 'q' (src/server/bot/passport-sharing.ts) and searches names only.
    expect(command.parameters.map((p) => p.name)).toEqual(['q']);
    expect(command.parameters[0]!.semanticDescription).toMatch(/Names only/);
    expect(command.parameters[0]!.description).not.toMatch(/UPN/);
    // Links unfurled are links to our own host only.
    expect(extension!.messageHandlers[0]!.value.domains).toEqual([values.hostname]);
  });

  it('refuses values that would make a broken package', () => {
    expect(() => renderManifest({ ...values, clientId: 'not-a-guid' })).toThrow(/clientId must be a GUID/);
    expect(() => renderManifest({ ...values, hostname: 'https://x.example/' })).toThrow(/hostname/);
  });

  it('has the icons Teams asks for: 192×192 colour, 32×32 white-on-transparent outline', () => {
    const color = readPng('../manifest/color.png');
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = readPng('../manifest/outline.png');
    expect([outline.width, outline.height]).toEqual([32, 32]);
    for (let i = 0; i < outline.pixels.length; i += 4) {
      const [r, g, b, a] = [
        outline.pixels[i],
        outline.pixels[i + 1],
        outline.pixels[i + 2],
        outline.pixels[i + 3],
      ];
      expect(a === 0 || (r === 255 && g === 255 && b === 255 && a === 255)).toBe(true);
    }
  });
});
