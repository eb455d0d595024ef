/**
 * SharePoint keeps every date as a UTC instant and interprets wall-clock values in the site's regional time zone.
 * A dateOnly column stores midnight of that day in the site's zone, so Graph answers a date written as
 * '2025-06-02' on a London site as '2025-06-01T23:00:00Z' in summer time.
 */

/** Graph's instant format: seconds precision, 'Z'. */
export function toGraphInstant(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/i;

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

// Building an Intl.DateTimeFormat is slow; keep one per zone.
const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallClockFormats.set(timeZone, format);
  }
  return format;
}

function offsetMinutes(instant: number, timeZone: string): number {
  const parts = wallClockFormat(timeZone).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** The instant at which the wall clock in `timeZone` shows `wall`. */
export function wallClockToInstant(wall: WallClock, timeZone: string): number {
  const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  // Two passes settle the offset on either side of a daylight-saving change.
  let instant = naive - offsetMinutes(naive, timeZone) * 60_000;
  instant = naive - offsetMinutes(instant, timeZone) * 60_000;
  return instant;
}

function localDate(instant: number, timeZone: string): { year: number; month: number; day: number } {
  const parts = wallClockFormat(timeZone).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day') };
}

/**
 * Parses a dateTime value as SharePoint accepts it: an ISO instant with 'Z' or an offset, or a wall-clock
 * date/time without one (read in the site's zone). Returns epoch milliseconds, or undefined if unparseable.
 */
export function parseSharePointDateTime(value: string, timeZone: string): number | undefined {
  const trimmed = value.trim();
  if (WITH_OFFSET.test(trimmed)) {
    const ms = Date.parse(trimmed);
    return Number.isNaN(ms) ? undefined : ms;
  }
  const m = WALL_CLOCK.exec(trimmed);
  if (!m) return undefined;
  const wall = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
  };
  const check = new Date(Date.UTC(wall.year, wall.month - 1, wall.day));
  if (
    check.getUTCMonth() !== wall.month - 1 ||
    check.getUTCDate() !== wall.day ||
    wall.hour > 23 ||
    wall.minute > 59 ||
    wall.second > 59
  ) {
    return undefined;
  }
  return wallClockToInstant(wall, timeZone);
}

/** Midnight, in the site's zone, of the local day containing `instant` (how a dateOnly column stores a date). */
export function startOfLocalDay(instant: number, timeZone: string): number {
  const { year, month, day } = localDate(instant, timeZone);
  return wallClockToInstant({ year, month, day, hour: 0, minute: 0, second: 0 }, timeZone);
}
