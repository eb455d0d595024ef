import { readFileSync } from 'node:fs';
import { readSurface } from '../scripts/build-graph-surface.ts';
import { GraphDispatcher } from '../src/local365/graph/dispatcher.ts';

describe('the Graph v1.0 surface the stand-in is held to', () => {
  it('matches Microsoft’s published v1.0 description in @microsoft/teams.graph-endpoints', () => {
    const committed = readFileSync(new URL('../src/local365/graph/v1-surface.json', import.meta.url), 'utf8');
    expect(committed).toBe(`${JSON.stringify(readSurface())}\n`);
  });

  it('will not let the stand-in register an operation Graph lacks', () => {
    const dispatcher = new GraphDispatcher();
    expect(() => dispatcher.register('GET', '/sites/{site-id}/pupils', () => ({ status: 200 }))).toThrow(/not a Microsoft Graph v1.0 operation/);
    expect(() => dispatcher.register('DELETE', '/me/findMeetingTimes', () => ({ status: 200 }))).toThrow();
    expect(() => dispatcher.register('POST', '/me/findMeetingTimes', () => ({ status: 200 }))).not.toThrow();
  });
});
