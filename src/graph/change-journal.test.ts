import type { Fields } from './list-fields.ts';
import { createChangeJournal } from './change-journal.ts';
import { idlePolling } from './idle-polling.ts';

describe('the change journal', () => {
  it('journals the writes of one moment as one entry, leaves the audit log out, and knows its own entries', async () => {
    const appended: Fields[] = [];
    let n = 0;
    const journal = createChangeJournal<string>({
      append: (fields) => Promise.resolve(void appended.push(fields)),
      newId: () => `entry-${++n}`,
      now: () => new Date('2026-01-12T09:00:00.123Z'),
      skip: ['auditLog'],
      onError: (err) => {
        throw err;
      },
    });
    journal.noteWrite('pupils');
    journal.noteWrite('senStatus');
    journal.noteWrite('pupils');
    journal.noteWrite('auditLog');
    await journal.flush();
    journal.noteWrite('passports');
    await journal.flush();
    expect(appended).toEqual([
      { Title: 'entry-1', EntryId: 'entry-1', Lists: 'pupils,senStatus', WrittenAt: '2026-01-12T09:00:00Z' },
      { Title: 'entry-2', EntryId: 'entry-2', Lists: 'passports', WrittenAt: '2026-01-12T09:00:00Z' },
    ]);
    expect(journal.isOwn('entry-1')).toBe(true);
    expect(journal.isOwn('someone-else')).toBe(false);
  });
});

describe('idle polling', () => {
  it('sends one request a tick: the journal, or on every fourth tick the next list of the sweep', async () => {
    const calls: string[] = [];
    let news: { lists: readonly string[] } | 'all' = { lists: [] };
    const polling = idlePolling<string>({
      journalNews: () => {
        calls.push('journal');
        return Promise.resolve(news);
      },
      lists: () => ['settings', 'pupils', 'passports'],
      sync: (keys) => Promise.resolve(void calls.push(`sync ${keys.join(',')}`)),
    });
    for (let i = 0; i < 8; i += 1) await polling.tick();
    expect(calls).toEqual([
      'journal',
      'journal',
      'journal',
      'sync settings',
      'journal',
      'journal',
      'journal',
      'sync pupils',
    ]);
    calls.length = 0;
    news = { lists: ['passports', 'someNewerList'] };
    await polling.tick();
    news = 'all';
    await polling.tick();
    expect(calls).toEqual(['journal', 'sync passports', 'journal', 'sync settings,pupils,passports']);
  });

  it('prunes the journal on a tick of its own, once every pruneEvery ticks', async () => {
    const calls: string[] = [];
    const polling = idlePolling<string>({
      journalNews: () => Promise.resolve(void calls.push('journal')).then(() => ({ lists: [] })),
      lists: () => ['settings'],
      sync: () => Promise.resolve(void calls.push('sweep')),
      prune: () => Promise.resolve(void calls.push('prune')),
      pruneEvery: 6,
    });
    for (let i = 0; i < 12; i += 1) await polling.tick();
    expect(calls).toEqual([
      'journal',
      'journal',
      'journal',
      'sweep',
      'journal',
      'prune',
      'journal',
      'sweep',
      'journal',
      'journal',
      'journal',
      'prune',
    ]);
  });
});
