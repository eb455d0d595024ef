import { GraphError } from '../graph/graph-error.ts';
import {
  formatDateTimeTimeZone,
  parseDateTimeTimeZone,
  parseDuration,
  preferredZone,
  resolveTimeZone,
  wallTimeToInstant,
} from './time-zones.ts';

const london = { label: 'Europe/London', iana: 'Europe/London' };

describe('time zones', () => {
  it('reads London wall time as GMT in winter and BST in summer', () => {
    expect(
      parseDateTimeTimeZone(
        { dateTime: '2026-12-01T10:00:00', timeZone: 'Europe/London' },
        'start',
      ).instant.toISOString(),
    ).toBe('2026-12-01T10:00:00.000Z');
    expect(
      parseDateTimeTimeZone(
        { dateTime: '2026-06-01T10:00:00', timeZone: 'GMT Standard Time' },
        'start',
      ).instant.toISOString(),
    ).toBe('2026-06-01T09:00:00.000Z');
  });

  it('crosses the autumn change: 10:00 either side of 25 October 2026', () => {
    expect(formatDateTimeTimeZone(new Date('2026-10-24T09:00:00Z'), london).dateTime).toBe(
      '2026-10-24T10:00:00.0000000',
    );
    expect(formatDateTimeTimeZone(new Date('2026-10-26T10:00:00Z'), london).dateTime).toBe(
      '2026-10-26T10:00:00.0000000',
    );
  });

  it('takes the first 01:30 in the repeated autumn hour and skips the missing spring hour', () => {
    expect(
      wallTimeToInstant(
        { year: 2026, month: 10, day: 25, hour: 1, minute: 30, second: 0 },
        'Europe/London',
      ).toISOString(),
    ).toBe('2026-10-25T00:30:00.000Z');
    expect(
      wallTimeToInstant(
        { year: 2026, month: 3, day: 29, hour: 1, minute: 30, second: 0 },
        'Europe/London',
      ).toISOString(),
    ).toBe('2026-03-29T01:30:00.000Z');
  });

  it('keeps Greenwich Standard Time (Reykjavik, no DST) apart from GMT Standard Time (London)', () => {
    expect(resolveTimeZone('Greenwich Standard Time')?.iana).toBe('Atlantic/Reykjavik');
    expect(resolveTimeZone('gmt standard time')?.iana).toBe('Europe/London');
  });

  it('refuses a zone Outlook would not accept, in Graph words', () => {
    let error: unknown;
    try {
      parseDateTimeTimeZone({ dateTime: '2026-12-01T10:00:00', timeZone: 'Mars/Olympus' }, 'start');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(GraphError);
    expect((error as GraphError).code).toBe('TimeZoneNotSupportedException');
  });

  it('reads the Prefer header, quoted or not, among other preferences', () => {
    expect(preferredZone({ prefer: 'outlook.timezone="Europe/London"' })?.iana).toBe('Europe/London');
    expect(
      preferredZone({ prefer: 'outlook.body-content-type="text", outlook.timezone="Pacific Standard Time"' })
        ?.iana,
    ).toBe('America/Los_Angeles');
    expect(preferredZone({})).toBeUndefined();
  });

  it('parses ISO durations', () => {
    expect(parseDuration('PT1H')).toBe(3_600_000);
    expect(parseDuration('PT1H30M')).toBe(5_400_000);
    expect(parseDuration('P1D')).toBe(86_400_000);
    expect(parseDuration('1 hour')).toBeUndefined();
  });
});
