import { earlyRequestsSent } from './api/early-answers.ts';

// The served page's early module (app/early-start.ts) runs before this script, and signs in and asks for /api/me
// and the page's first data. Running the rest of the tab's code (start.tsx: React, Fluent UI, TanStack Query)
// takes the page's one thread for a few hundred milliseconds, which would hold those requests back: it runs once
// they are sent, or after a second at the most. The server preloads start.tsx's code, so it is here meanwhile.
await earlyRequestsSent(1_000);
const { startTab } = await import('./start.tsx');
await startTab();
