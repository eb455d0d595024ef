/**
 * Answers asked for before the tab's main script has run, waiting to be taken by the request they stand for.
 *
 * The served page runs a small module of its own first (src/tab/app/early-start.ts, written into the page by
 * src/server/http/tab-start-page.ts): it signs in and asks for `/api/me` and the opening page's first data while
 * the browser is still fetching React and Fluent UI. The tab's one way to the server (api-client.ts) and the demo
 * sign-in (demo-sign-in.ts) look here first and take an answer at most once; anything not taken within
 * `EARLY_ANSWER_MAX_AGE_MS` is dropped, so a later visit to the page asks afresh. No dependencies: both the
 * early module and the main script import this one module, and so share its one instance.
 */

/** An answer as it came: its status and its text, read already (a body can be read once). */
export type EarlyAnswer = { status: number; text: string };

type Waiting = {
  /** The bearer token it was asked with (none for the sign-in itself): taken only with the same one. */
  token: string | undefined;
  answer: Promise<EarlyAnswer>;
  askedAt: number;
};

/** Long enough for the main script to arrive on a slow connection; short enough never to show old data. */
export const EARLY_ANSWER_MAX_AGE_MS = 30_000;

const waiting = new Map<string, Waiting>();
let sending: Promise<unknown> | undefined;

/** Said by the early module: `sent` settles once it has sent its requests (or found it cannot). */
export function earlyRequestsUnderWay(sent: Promise<unknown>): void {
  sending = sent;
}

/**
 * Settles once the early module has sent its requests, at once when there is none, and after `capMs` at the most.
 * The main script waits for this before running the tab's code (main.tsx): running React and Fluent UI holds the
 * page's one thread for a few hundred milliseconds, and the early module's requests would wait behind it.
 */
export function earlyRequestsSent(capMs: number): Promise<void> {
  if (!sending) return Promise.resolve();
  const sent = sending;
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, capMs);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    sent.then(done, done);
  });
}

/** Puts an answer being asked for `path` (as the tab writes it: `/api/me`), with the token it was asked with. */
export function putEarlyAnswer(
  path: string,
  token: string | undefined,
  answer: Promise<EarlyAnswer>,
  now = Date.now(),
): void {
  answer.catch(() => undefined); // a failure is the taker's to handle: it asks again itself
  waiting.set(path, { token, answer, askedAt: now });
}

/**
 * The answer waiting for `path`, asked with `token`, once: the entry is removed whether or not it matches, so
 * nothing is ever used twice or for someone else. Undefined when there is none, or it is too old.
 */
export function takeEarlyAnswer(
  path: string,
  token: string | undefined,
  now = Date.now(),
): Promise<EarlyAnswer> | undefined {
  const entry = waiting.get(path);
  if (!entry) return undefined;
  waiting.delete(path);
  if (entry.token !== token || now - entry.askedAt > EARLY_ANSWER_MAX_AGE_MS) return undefined;
  return entry.answer;
}

/** The paths with an answer waiting (for tests). */
export function earlyAnswersWaiting(): string[] {
  return [...waiting.keys()];
}

/** Drops everything waiting (for tests). */
export function clearEarlyAnswers(): void {
  waiting.clear();
  sending = undefined;
}
