import { SEN_NEEDS } from '../../../domain/needs.ts';
import type { RegisterRow } from '../../../domain/pupil-views.ts';
import { FLAG_LABELS } from '../../api/pupil-labels.ts';
import { SEN_STATUS_SHORT } from '../../components/status-badge.tsx';
import { yearGroupLabel } from '../../components/format.ts';
import type { RegisterFilters } from './api/get-register.ts';
import type { SortDirection } from './components/register-grid.tsx';

/**
 * CSV for Excel. Two protections:
 * - Formula injection: a cell starting with = + - @, a tab or a carriage return would be run as a formula
 *   (OWASP "CSV injection"), so it gets a leading apostrophe and shows as typed.
 * - Encoding: a UTF-8 byte order mark, without which Excel reads UTF-8 as Windows-1252 and "Zoë" becomes "ZoÃ«".
 */
export const UTF8_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | boolean | null | undefined)[])[],
): string {
  return UTF8_BOM + [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const yesNo = (value: boolean) => (value ? 'Yes' : 'No');

/** The register as the SENCO sees it on screen, one pupil a line. */
export function registerCsv(rows: readonly RegisterRow[]): string {
  const header = [
    'Name',
    'UPN',
    'Year group',
    'Class',
    'SEN status',
    'Primary need',
    'Secondary need',
    'Looked after',
    'Pupil premium',
    'Free school meals',
    'EAL',
    'EHC plan',
    'Next review due',
    'Passport review due',
  ];
  const lines = rows.map((row) => {
    const full = row.access === 'full' ? row : undefined;
    return [
      row.displayName,
      full?.upn ?? '',
      yearGroupLabel(row.yearGroup),
      row.classes.map((c) => c.displayName).join('; '),
      SEN_STATUS_SHORT[row.senStatus],
      full?.primaryNeed ? `${full.primaryNeed} – ${SEN_NEEDS[full.primaryNeed].description}` : '',
      full?.secondaryNeed ? `${full.secondaryNeed} – ${SEN_NEEDS[full.secondaryNeed].description}` : '',
      full ? yesNo(full.flags.lookedAfter) : '',
      full ? yesNo(full.flags.pupilPremium) : '',
      full ? yesNo(full.flags.freeSchoolMeals) : '',
      full ? yesNo(full.flags.eal) : '',
      full ? yesNo(full.hasEhcPlan) : '',
      full?.nextReviewDueOn ?? '',
      full?.passportReviewDueOn ?? '',
    ];
  });
  return toCsv(header, lines);
}

const SORTED_BY: Record<RegisterFilters['sort'], string> = {
  name: 'name',
  year: 'year group',
  status: 'status',
  'review-due': 'review due',
};

/**
 * The view being exported, in words, for the audit log: which pupils (the filters) and in what order. With
 * no status chosen the register shows SEN support and EHC plans, so that is what it says.
 */
export function describeRegisterView(input: {
  filters: RegisterFilters;
  direction: SortDirection;
  className?: string | undefined;
}): string {
  const { filters } = input;
  const parts = [
    filters.q.trim() && `search “${filters.q.trim()}”`,
    filters.year.length > 0 && `year ${filters.year.map(yearGroupLabel).join(', ')}`,
    filters.classId && `class ${input.className ?? filters.classId}`,
    `status ${(filters.status.length > 0 ? filters.status : (['K', 'E'] as const)).map((s) => SEN_STATUS_SHORT[s]).join(', ')}`,
    filters.need.length > 0 && `need ${filters.need.join(', ')}`,
    filters.flag.length > 0 && `flags ${filters.flag.map((f) => FLAG_LABELS[f].long).join(', ')}`,
    `sorted by ${SORTED_BY[filters.sort]}${input.direction === 'descending' ? ', descending' : ''}`,
  ];
  return parts.filter(Boolean).join('; ');
}

/** Hands the file to the browser to save. */
export function downloadCsv(fileName: string, csv: string): void {
  const blob = new Blob([csv], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
