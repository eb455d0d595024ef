import { NO_FILTERS, type RegisterFilters } from './api/get-register.ts';

/**
 * Saved register views: named sets of filters. A few come built in; the SENCO's own are kept in this
 * browser's storage per user (they hold no pupil data, only filters).
 */
export type SavedView = { id: string; name: string; filters: RegisterFilters; builtIn?: boolean };

export const BUILT_IN_VIEWS: SavedView[] = [
  { id: 'all', name: 'Everyone on the register', filters: NO_FILTERS, builtIn: true },
  { id: 'ehc', name: 'EHC plans', filters: { ...NO_FILTERS, status: ['E'] }, builtIn: true },
  {
    id: 'reviews',
    name: 'Reviews by date due',
    filters: { ...NO_FILTERS, sort: 'review-due' },
    builtIn: true,
  },
  { id: 'lac', name: 'Looked after', filters: { ...NO_FILTERS, flag: ['lookedAfter'] }, builtIn: true },
];

const storageKey = (upn: string) => `sencohub.registerViews.${upn.toLowerCase()}`;

export function loadSavedViews(upn: string): SavedView[] {
  try {
    const raw = localStorage.getItem(storageKey(upn));
    if (!raw) return [];
    const parsed = JSON.parse(raw) as unknown;
    if (!Array.isArray(parsed)) return [];
    return parsed
      .filter(
        (v): v is SavedView =>
          typeof v === 'object' && v !== null && 'id' in v && 'name' in v && 'filters' in v,
      )
      .map((v) => ({ id: String(v.id), name: String(v.name), filters: { ...NO_FILTERS, ...v.filters } }));
  } catch {
    return [];
  }
}

export function storeSavedViews(upn: string, views: SavedView[]): void {
  try {
    localStorage.setItem(storageKey(upn), JSON.stringify(views.filter((v) => !v.builtIn)));
  } catch {
    // Storage can be blocked in some Teams clients: views then last for this session only.
  }
}

export function sameFilters(a: RegisterFilters, b: RegisterFilters): boolean {
  const norm = (f: RegisterFilters) =>
    JSON.stringify({
      ...f,
      q: f.q.trim(),
      year: [...f.year].sort(),
      status: [...f.status].sort(),
      need: [...f.need].sort(),
      flag: [...f.flag].sort(),
      classId: f.classId ?? null,
    });
  return norm(a) === norm(b);
}

export function activeFilterCount(f: RegisterFilters): number {
  return (
    (f.q.trim() ? 1 : 0) +
    f.year.length +
    (f.classId ? 1 : 0) +
    f.status.length +
    f.need.length +
    f.flag.length
  );
}
