import { ApiError } from '../api/api-client.ts';

/** What went wrong, in words a member of staff can act on: a title and what to do next. */
export function describeError(
  error: unknown,
  what: string,
): { title: string; detail: string; canRetry: boolean } {
  if (error instanceof ApiError) {
    if (error.status === 404 && error.message === 'No such API route.') {
      return {
        title: 'Not available yet',
        detail: 'This SENCO Hub server cannot do this yet. Ask whoever looks after SENCO Hub to update it.',
        canRetry: false,
      };
    }
    switch (error.status) {
      case 0:
        return {
          title: `${what} could not be loaded`,
          detail:
            error.code === 'timeout'
              ? error.message
              : 'SENCO Hub could not reach its server. Check your connection, then try again.',
          canRetry: true,
        };
      case 401:
        return {
          title: 'Your sign-in has expired',
          detail: 'Reload the tab to sign in again.',
          canRetry: false,
        };
      case 403:
        return { title: `${what} is not available to you`, detail: error.message, canRetry: false };
      case 404:
        return {
          title: 'Not found',
          detail: `${what} does not exist, or it is not one your role lets you see. Ask the SENCO if you think you should.`,
          canRetry: false,
        };
      case 429:
      case 503:
        return { title: `${what} is taking longer than usual`, detail: error.message, canRetry: true };
      default:
        return {
          title: `${what} could not be loaded`,
          detail:
            error.status >= 500 ? 'Something went wrong on our side. Try again in a moment.' : error.message,
          canRetry: error.status >= 500,
        };
    }
  }
  return {
    title: `${what} could not be loaded`,
    detail: error instanceof Error ? error.message : 'Something unexpected happened.',
    canRetry: true,
  };
}
