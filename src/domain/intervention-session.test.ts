import { d } from './testing/builders.ts';
import { sameSessionSlot, sessionKey } from './intervention-session.ts';

describe('which session a record is', () => {
  const day = { interventionId: 'iv-1', date: d('2026-12-02') };

  it('keeps the first session of a day under the key it had before sessions were numbered', () => {
    expect(sessionKey(day)).toBe('iv-1|2026-12-02');
    expect(sessionKey({ ...day, sessionNumber: 1 })).toBe('iv-1|2026-12-02');
  });

  it('gives a second session the same day a key of its own', () => {
    expect(sessionKey({ ...day, sessionNumber: 2 })).toBe('iv-1|2026-12-02|2');
    expect(sessionKey({ ...day, sessionNumber: 2 })).not.toBe(sessionKey(day));
  });

  it('takes a record without a number as the day’s first session', () => {
    expect(sameSessionSlot(day, { ...day, sessionNumber: 1 })).toBe(true);
    expect(sameSessionSlot(day, { ...day, sessionNumber: 2 })).toBe(false);
    expect(sameSessionSlot(day, { ...day, date: d('2026-12-03') })).toBe(false);
    expect(sameSessionSlot(day, { ...day, interventionId: 'iv-2' })).toBe(false);
  });
});
