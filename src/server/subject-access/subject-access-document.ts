import type { SubjectAccessExport } from '../../contract/subject-access.ts';
import { formatCalendarDate, parseCalendarDate } from '../../domain/calendar-date.ts';

/**
 * A subject access export as a document a parent can read and print: one HTML page, no scripts, nothing
 * fetched from elsewhere, headed with the school's name, dates written the UK way (2 December 2026).
 * Every field of the JSON export is shown, under its name in plain words.
 */

const SECTIONS: readonly { key: keyof SubjectAccessExport; title: string; empty: string }[] = [
  {
    key: 'passports',
    title: 'Pupil passport: every version, and who confirmed reading it',
    empty: 'No passport.',
  },
  { key: 'senSupportPlan', title: 'SEN support plan', empty: 'No SEN support plan.' },
  { key: 'ehcPlan', title: 'EHC plan and its annual reviews', empty: 'No EHC plan.' },
  { key: 'needsAssessments', title: 'Requests for an EHC needs assessment', empty: 'None.' },
  { key: 'examAccessArrangements', title: 'Exam access arrangements', empty: 'None.' },
  { key: 'interventions', title: 'Interventions and attendance', empty: 'None.' },
  { key: 'professionals', title: 'Professionals involved', empty: 'None.' },
  { key: 'referrals', title: 'Referrals to services', empty: 'None.' },
  { key: 'meetings', title: 'Meetings', empty: 'None.' },
  { key: 'taAssignments', title: 'Teaching assistants assigned', empty: 'None.' },
  { key: 'audit', title: 'Who read or changed these records', empty: 'No entries.' },
];

/** Words written as the school writes them. */
const WORDS: Record<string, string> = {
  upn: 'UPN',
  sen: 'SEN',
  send: 'SEND',
  ehc: 'EHC',
  pep: 'PEP',
  la: 'LA',
  eal: 'EAL',
  ta: 'TA',
  id: 'id',
  ids: 'ids',
};

export function fieldLabel(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .map((w) => WORDS[w.toLowerCase()] ?? w.toLowerCase());
  const [first = '', ...rest] = words;
  // An acronym stays as it is; any other first word gets a capital.
  const head = first === first.toUpperCase() ? first : first.charAt(0).toUpperCase() + first.slice(1);
  return [head, ...rest].join(' ');
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const londonTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
});
const londonDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });

/** A calendar date or an instant in UK words; any other text as it is. */
export function readableText(text: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    try {
      return formatCalendarDate(parseCalendarDate(text));
    } catch {
      return text;
    }
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/.test(text)) {
    const instant = new Date(text);
    if (!Number.isNaN(instant.getTime()))
      return `${formatCalendarDate(parseCalendarDate(londonDay.format(instant)))} at ${londonTime.format(instant)}`;
  }
  return text;
}

function valueHtml(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return escapeHtml(readableText(value)).replace(/\n/g, '<br>');
  if (Array.isArray(value)) {
    if (value.length === 0) return 'None';
    if (value.every((v) => typeof v !== 'object' || v === null))
      return `<ul>${value.map((v) => `<li>${valueHtml(v)}</li>`).join('')}</ul>`;
    return `<ol class="items">${value.map((v) => `<li>${valueHtml(v)}</li>`).join('')}</ol>`;
  }
  if (typeof value === 'object') {
    const rows = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `<tr><th scope="row">${escapeHtml(fieldLabel(k))}</th><td>${valueHtml(v)}</td></tr>`)
      .join('');
    return `<table>${rows}</table>`;
  }
  return escapeHtml(typeof value === 'bigint' ? value.toString() : '');
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.values(value).every(isEmpty);
  return false;
}

export function subjectAccessDocument(data: SubjectAccessExport): string {
  const school = data.school ?? 'The school';
  const title = `Information held about ${data.pupil.displayName}`;
  const sections = SECTIONS.map(({ key, title: heading, empty }) => {
    const value = data[key];
    const body = isEmpty(value) ? `<p>${escapeHtml(empty)}</p>` : valueHtml(value);
    return `<section><h2>${escapeHtml(heading)}</h2>${body}</section>`;
  }).join('\n');
  const notes = data.notes.length
    ? `<section><h2>What is left out, and why</h2><ul>${data.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul></section>`
    : '';
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>${escapeHtml(`${title} — ${school}`)}</title>
<style>
body { font: 11pt/1.45 "Segoe UI", system-ui, sans-serif; color: #1b1b1b; margin: 2em auto; max-width: 52em; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { font-size: 1.2em; border-bottom: 1px solid #888; margin-top: 1.6em; }
table { border-collapse: collapse; width: 100%; margin: 0.3em 0; } th, td { text-align: left; vertical-align: top; padding: 0.25em 0.5em; border: 1px solid #ccc; }
th { width: 30%; font-weight: 600; background: #f3f3f3; } ol.items > li { margin-bottom: 0.6em; } ul { margin: 0; padding-left: 1.2em; }
.meta { color: #444; } @media print { body { margin: 0; max-width: none; } section { break-inside: auto; } h2 { break-after: avoid; } }
</style>
</head>
<body>
<header>
<p class="meta">${escapeHtml(school)}</p>
<h1>${escapeHtml(title)}</h1>
<p class="meta">A copy of the special educational needs and disabilities (SEND) records ${data.school ? escapeHtml(data.school) : 'the school'} keeps in SENCO Hub, made under the UK GDPR, Article 15 (right of access), on ${escapeHtml(readableText(data.generatedAt))} by ${escapeHtml(data.generatedBy)}.</p>
</header>
<main>
<section><h2>About ${escapeHtml(data.pupil.displayName)}</h2>${valueHtml(data.pupil)}</section>
${sections}
${notes}
</main>
</body>
</html>
`;
}
