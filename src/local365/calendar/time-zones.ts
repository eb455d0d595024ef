import { GraphError } from '../graph/graph-error.ts';

/**
 * Outlook's dateTimeTimeZone handling [C3][C4]: `dateTime` is a wall-clock time without offset, `timeZone` a
 * Windows zone name or an IANA name. Conversions use the platform's time-zone database through Intl, so
 * GMT/BST changes land on the right Sundays without tables of our own.
 */

/** Windows zone ids Outlook uses, mapped to IANA (CLDR windowsZones, territory 001). */
const WINDOWS_TO_IANA: Record<string, string> = {
  UTC: 'UTC',
  'GMT Standard Time': 'Europe/London',
  'Greenwich Standard Time': 'Atlantic/Reykjavik',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Romance Standard Time': 'Europe/Paris',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Central European Standard Time': 'Europe/Warsaw',
  'E. Europe Standard Time': 'Europe/Chisinau',
  'FLE Standard Time': 'Europe/Kiev',
  'GTB Standard Time': 'Europe/Bucharest',
  'Eastern Standard Time': 'America/New_York',
  'Central Standard Time': 'America/Chicago',
  'Mountain Standard Time': 'America/Denver',
  'Pacific Standard Time': 'America/Los_Angeles',
  'India Standard Time': 'Asia/Calcutta',
  'China Standard Time': 'Asia/Shanghai',
  'Tokyo Standard Time': 'Asia/Tokyo',
  'AUS Eastern Standard Time': 'Australia/Sydney',
};

const IANA_TO_WINDOWS = new Map(Object.entries(WINDOWS_TO_IANA).map(([win, iana]) => [iana, win]));

/** A zone as the client named it (echoed back in responses) and the IANA zone used for arithmetic. */
export type Zone = { label: string; iana: string };

export const UTC_ZONE: Zone = { label: 'UTC', iana: 'UTC' };

function intlAccepts(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** The IANA zone for a Windows or IANA name, or undefined when Outlook would not accept it. */
export function resolveTimeZone(name: string): Zone | undefined {
  const label = name.trim();
  if (!label) return undefined;
  const windows = Object.keys(WINDOWS_TO_IANA).find((w) => w.toLowerCase() === label.toLowerCase());
  if (windows) return { label, iana: WINDOWS_TO_IANA[windows] ?? 'UTC' };
  if (/^(etc\/)?(utc|gmt)$/i.test(label) || label === 'tzone://Microsoft/Utc') return { label, iana: 'UTC' };
  // IANA names only (Intl would also take offsets such as '+01:00', which Outlook does not).
  if (!label.includes('/')) return undefined;
  const iana = intlAccepts(label);
  return iana ? { label, iana } : undefined;
}

export function requireTimeZone(name: unknown): Zone {
  const zone = typeof name === 'string' ? resolveTimeZone(name) : undefined;
  if (!zone) {
    throw new GraphError(
      400,
      'TimeZoneNotSupportedException',
      `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${typeof name === 'string' ? name : JSON.stringify(name ?? '')}'.`,
    );
  }
  return zone;
}

/** The Windows id Exchange reports for a zone (working hours), or the IANA name when there is none. */
export function windowsZoneName(iana: string): string {
  return IANA_TO_WINDOWS.get(iana) ?? iana;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(iana: string): Intl.DateTimeFormat {
  let f = formatters.get(iana);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: iana,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'long',
    });
    formatters.set(iana, f);
  }
  return f;
}

export type WallClock = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: string;
};

/** The wall-clock reading in `iana` at an instant (weekday lower-case English, as Graph writes days). */
export function wallClock(instant: Date, iana: string): WallClock {
  const parts = Object.fromEntries(
    formatter(iana)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: String(parts.weekday).toLowerCase(),
  };
}

function offsetMs(instantMs: number, iana: string): number {
  const w = wallClock(new Date(instantMs), iana);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/**
 * The instant a wall-clock time in `iana` denotes. For a time skipped by a spring-forward change it gives
 * the instant an hour later on the wall; for a repeated autumn hour, the first (summer-time) one.
 */
export function wallTimeToInstant(
  wall: {
    year: number;
    month: number;
    day: number;
    hour: number;
    minute: number;
    second: number;
    ms?: number;
  },
  iana: string,
): Date {
  const guess = Date.UTC(
    wall.year,
    wall.month - 1,
    wall.day,
    wall.hour,
    wall.minute,
    wall.second,
    wall.ms ?? 0,
  );
  const day = 86_400_000;
  // The offsets in force around that day; a reading is valid when it maps back to the same wall time.
  const offsets = new Set([offsetMs(guess - day, iana), offsetMs(guess, iana), offsetMs(guess + day, iana)]);
  const valid = [...offsets].map((o) => guess - o).filter((t) => offsetMs(t, iana) === guess - t);
  if (valid.length) return new Date(Math.min(...valid));
  // In a spring-forward gap: read the wall time with the offset from before the change.
  return new Date(guess - offsetMs(guess - day, iana));
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Reads a dateTimeTimeZone. An explicit offset or 'Z' in `dateTime` is honoured as written (an instant is
 * unambiguous); otherwise the wall time is read in `timeZone`.
 */
export function parseDateTimeTimeZone(value: unknown, field: string): { instant: Date; zone: Zone } {
  const v = value as { dateTime?: unknown; timeZone?: unknown } | null | undefined;
  if (!v || typeof v !== 'object' || typeof v.dateTime !== 'string') {
    throw new GraphError(
      400,
      'ErrorInvalidRequest',
      `Your request can't be completed. '${field}' must be a dateTimeTimeZone with a dateTime.`,
    );
  }
  const zone = requireTimeZone(v.timeZone ?? 'UTC');
  const m = DATE_TIME.exec(v.dateTime.trim());
  if (!m)
    throw new GraphError(
      400,
      'ErrorInvalidRequest',
      `Your request can't be completed. Cannot convert '${v.dateTime}' to a date and time (${field}).`,
    );
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', offset] = m;
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  if (offset)
    return {
      instant: new Date(
        `${y}-${mo}-${d}T${h.padStart(2, '0')}:${mi}:${s.padStart(2, '0')}.${String(ms).padStart(3, '0')}${offset}`,
      ),
      zone,
    };
  const instant = wallTimeToInstant(
    {
      year: Number(y),
      month: Number(mo),
      day: Number(d),
      hour: Number(h),
      minute: Number(mi),
      second: Number(s),
      ms,
    },
    zone.iana,
  );
  return { instant, zone };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Graph's dateTimeTimeZone for an instant, in `zone` (seven fractional digits, as Outlook writes them). */
export function formatDateTimeTimeZone(instant: Date, zone: Zone): { dateTime: string; timeZone: string } {
  const w = wallClock(instant, zone.iana);
  const ms = instant.getUTCMilliseconds();
  return {
    dateTime: `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}.${pad(ms, 3)}0000`,
    timeZone: zone.label,
  };
}

/**
 * The zone asked for with `Prefer: outlook.timezone="…"`. An unknown zone is ignored (the answer stays in UTC
 * and no Preference-Applied is sent).
 */
export function preferredZone(headers: Record<string, string>): Zone | undefined {
  const prefer = headers['prefer'];
  if (!prefer) return undefined;
  const m =
    /outlook\.timezone\s*=\s*"([^"]*)"/i.exec(prefer) ?? /outlook\.timezone\s*=\s*([^,;\s]+)/i.exec(prefer);
  if (!m?.[1]) return undefined;
  return resolveTimeZone(m[1]);
}

/** Response headers for the preference applied, if any. */
export function preferenceApplied(zone: Zone | undefined): Record<string, string> {
  return zone ? { 'Preference-Applied': `outlook.timezone="${zone.label}"` } : {};
}

/** ISO-8601 duration (PnDTnHnMnS) in milliseconds; undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text.trim());
  if (!m || text.trim() === 'P' || text.trim().endsWith('T')) return undefined;
  const [, d = '0', h = '0', mi = '0', s = '0'] = m;
  return ((Number(d) * 24 + Number(h)) * 60 + Number(mi)) * 60_000 + Number(s) * 1000;
}
