import express from 'express';
import type { RequestStatsSnapshot } from '../graph/request-stats.ts';

/** What the inspector shows: everything the app wrote to the stand-in, in a person's terms. */
export type InspectorSources = {
  users(): { upn: string; displayName: string; jobTitle?: string; roles: string[] }[];
  sites(): { id: string; displayName: string; webUrl: string }[];
  lists(siteId: string): { id: string; displayName: string; itemCount: number }[];
  items(
    siteId: string,
    listId: string,
    page: { limit: number; offset: number },
  ): { id: string; eTag: string; lastModified: string; fields: Record<string, unknown> }[];
  calendar(): {
    at: string;
    kind: string;
    organizer: string;
    subject: string;
    recipients: string[];
    start?: string;
    joinUrl?: string;
  }[];
  channelMessages(): {
    at: string;
    team: string;
    channel: string;
    from: string;
    text: string;
    hasCard: boolean;
  }[];
  botActivities(): { at: string; conversationId: string; text: string; hasCard: boolean }[];
  faults(): unknown;
  requestStats(): RequestStatsSnapshot;
  /** Extra sections, HTML (e.g. the Teams switches). */
  extraSections?: () => string;
};

export function escapeHtml(value: string | number | boolean | null | undefined): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const style = `
:root { color-scheme: light dark; --fg:#242424; --bg:#f5f5f5; --card:#fff; --muted:#616161; --line:#e0e0e0; --brand:#5b5fc7; }
@media (prefers-color-scheme: dark) { :root { --fg:#fff; --bg:#1f1f1f; --card:#292929; --muted:#adadad; --line:#3d3d3d; --brand:#7f85f5; } }
body { font-family: 'Segoe UI', system-ui, sans-serif; margin:0; color:var(--fg); background:var(--bg); line-height:1.4; }
header { padding:16px 24px; background:var(--card); border-bottom:1px solid var(--line); }
main { padding:16px 24px; max-width:1200px; }
nav a { margin-right:16px; color:var(--brand); }
section { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:12px 16px; margin:16px 0; overflow-x:auto; }
table { border-collapse:collapse; width:100%; font-size:14px; }
th, td { text-align:left; padding:6px 8px; border-bottom:1px solid var(--line); vertical-align:top; }
th { font-weight:600; }
.muted { color:var(--muted); }
code { font-size:13px; }
a:focus-visible { outline:2px solid var(--brand); outline-offset:2px; }
td { overflow-wrap:anywhere; }
/* On a phone each row is a card of labelled lines, so every column (a Teams link too) is on screen. */
@media (max-width: 600px) {
  main { padding:8px 12px; }
  table.cards thead { position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); }
  table.cards, table.cards tbody, table.cards tr, table.cards td { display:block; width:auto; }
  table.cards tr { border-bottom:1px solid var(--line); padding:6px 0; }
  table.cards td { border:none; padding:2px 0; }
  table.cards td::before { content: attr(data-label) ": "; font-weight:600; }
  table.cards caption { display:block; }
}
`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — Microsoft 365 stand-in</title><style>${style}</style></head>
<body><header><strong>Microsoft 365 stand-in</strong> <span class="muted">— what SENCO Hub wrote to SharePoint, Outlook and Teams on this machine</span>
<nav aria-label="Inspector"><a href="/local365/">Overview</a><a href="/local365/?view=lists">SharePoint lists</a><a href="/">Back to SENCO Hub</a></nav></header>
<main>${body}</main></body></html>`;
}

function table(caption: string, headers: string[], rows: string[][], empty: string): string {
  if (rows.length === 0) return `<p class="muted">${escapeHtml(empty)}</p>`;
  const cells = (r: string[]) =>
    r.map((c, i) => `<td data-label="${escapeHtml(headers[i] ?? '')}">${c}</td>`).join('');
  return `<table class="cards"><caption class="muted" style="text-align:left">${escapeHtml(caption)}</caption><thead><tr>${headers
    .map((h) => `<th scope="col">${escapeHtml(h)}</th>`)
    .join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${cells(r)}</tr>`).join('')}</tbody></table>`;
}

const when = (iso: string) => escapeHtml(iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z'));

function overview(src: InspectorSources): string {
  const posts = [
    ...src
      .channelMessages()
      .map((m) => [
        when(m.at),
        escapeHtml(`${m.team} › ${m.channel}`),
        escapeHtml(m.from),
        escapeHtml(m.text) + (m.hasCard ? ' <em>(card)</em>' : ''),
      ]),
    ...src
      .botActivities()
      .map((a) => [
        when(a.at),
        `<code>${escapeHtml(a.conversationId)}</code>`,
        'SENCO Hub (bot)',
        escapeHtml(a.text) + (a.hasCard ? ' <em>(card)</em>' : ''),
      ]),
  ].sort((a, b) => (b[0] ?? '').localeCompare(a[0] ?? ''));
  const calendar = src
    .calendar()
    .map((c) => [
      when(c.at),
      escapeHtml(c.kind),
      escapeHtml(c.subject),
      escapeHtml(c.organizer),
      escapeHtml(c.recipients.join(', ')),
      escapeHtml(c.start ?? ''),
      c.joinUrl ? `<a href="${escapeHtml(c.joinUrl)}">Teams link</a>` : '',
    ]);
  const users = src
    .users()
    .map((u) => [
      `<a href="/?user=${encodeURIComponent(u.upn)}">${escapeHtml(u.displayName)}</a>`,
      `<code>${escapeHtml(u.upn)}</code>`,
      escapeHtml(u.jobTitle ?? ''),
      escapeHtml(u.roles.join(', ') || '—'),
    ]);
  return `
<section aria-labelledby="posts"><h2 id="posts">Channel posts and bot messages</h2>
${table('Newest first', ['When (UTC)', 'Where', 'From', 'Message'], posts, 'Nothing has been posted to Teams yet.')}</section>
<section aria-labelledby="cal"><h2 id="cal">Outlook events and invitations</h2>
${table('Newest first', ['When (UTC)', 'What', 'Subject', 'Organiser', 'Sent to', 'Starts', 'Join'], calendar, 'No meetings have been booked yet.')}</section>
<section aria-labelledby="users"><h2 id="users">Demo users</h2>
<p class="muted">Open SENCO Hub as any of them by their name, or with the user switch in SENCO Hub's header.</p>
${table('Staff with their SENCO Hub app roles', ['Name', 'Sign-in name', 'Job title', 'App roles'], users, 'No users: run npm run seed -- --reset')}</section>
${src.extraSections?.() ?? ''}
${requestStatsSection(src.requestStats())}
<section aria-labelledby="faults"><h2 id="faults">Fault switches</h2><pre>${escapeHtml(JSON.stringify(src.faults(), null, 2))}</pre></section>`;
}

function requestStatsSection(stats: RequestStatsSnapshot): string {
  const rows = stats.byOperation
    .slice(0, 25)
    .map((o) => [`<code>${escapeHtml(o.operation)}</code>`, escapeHtml(o.count.toLocaleString('en-GB'))]);
  return `<section aria-labelledby="stats"><h2 id="stats">Graph requests served</h2>
<p>${escapeHtml(stats.requests.toLocaleString('en-GB'))} requests since ${when(stats.since)} (each request inside a <code>$batch</code> counts, as for Graph's throttling; ${escapeHtml(stats.batchEnvelopes.toLocaleString('en-GB'))} batches; ${escapeHtml(stats.failed.toLocaleString('en-GB'))} answered with an error). <span class="muted">JSON: <a href="/local365/stats">/local365/stats</a>; reset with DELETE.</span></p>
${table('Most requested operations first', ['Operation', 'Requests'], rows, 'No Graph requests yet.')}</section>`;
}

function listsView(src: InspectorSources, q: URLSearchParams): string {
  const siteId = q.get('site');
  const listId = q.get('list');
  if (siteId && listId) {
    const offset = Math.max(0, Number(q.get('offset') ?? 0) || 0);
    const items = src.items(siteId, listId, { limit: 100, offset });
    const columns = [...new Set(items.flatMap((i) => Object.keys(i.fields)))]
      .filter((c) => !c.startsWith('@odata'))
      .slice(0, 14);
    const rows = items.map((i) => [
      escapeHtml(i.id),
      ...columns.map((c) => escapeHtml(formatValue(i.fields[c]))),
      when(i.lastModified),
    ]);
    const base = `/local365/?view=lists&site=${encodeURIComponent(siteId)}&list=${encodeURIComponent(listId)}`;
    const nav = `${offset > 0 ? `<a href="${base}&offset=${Math.max(0, offset - 100)}">Previous 100</a> ` : ''}${items.length === 100 ? `<a href="${base}&offset=${offset + 100}">Next 100</a>` : ''}`;
    return `<section><h2>Items ${offset + 1}–${offset + items.length}</h2>${table('List items', ['id', ...columns, 'Modified (UTC)'], rows, 'This list is empty.')}<p>${nav}</p></section>`;
  }
  return (
    src
      .sites()
      .map((s) => {
        const rows = src
          .lists(s.id)
          .map((l) => [
            `<a href="/local365/?view=lists&site=${encodeURIComponent(s.id)}&list=${encodeURIComponent(l.id)}">${escapeHtml(l.displayName)}</a>`,
            escapeHtml(l.itemCount),
          ]);
        return `<section><h2>${escapeHtml(s.displayName)}</h2><p class="muted">${escapeHtml(s.webUrl)}</p>${table('Lists', ['List', 'Items'], rows, 'No lists on this site yet.')}</section>`;
      })
      .join('') || '<p class="muted">No SharePoint sites yet.</p>'
  );
}

function formatValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
}

export function inspectorRouter(src: InspectorSources): express.Router {
  const r = express.Router();
  r.get('/', (req, res) => {
    const q = new URLSearchParams(req.url.split('?')[1] ?? '');
    res.setHeader('Cache-Control', 'no-store');
    res
      .type('html')
      .send(
        q.get('view') === 'lists'
          ? page('SharePoint lists', listsView(src, q))
          : page('Overview', overview(src)),
      );
  });
  return r;
}
