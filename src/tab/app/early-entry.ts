import { startEarlyRequestsHere } from './early-start.ts';

// The served page's first script (see early-start.ts): an entry of its own, so it runs before the main script has
// loaded, and imports nothing the early group in vite.config.ts does not hold.
startEarlyRequestsHere();
