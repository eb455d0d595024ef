import { useEffect, useState } from 'react';

/**
 * True once `ready` has been true and the browser then had a quiet moment (requestIdleCallback, at most
 * `timeoutMs` later): for code a screen can do without at first, loaded after what the screen is for is shown.
 */
export function useWhenIdle(ready: boolean, timeoutMs = 2_000): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    if (!ready || idle) return;
    if (typeof window.requestIdleCallback === 'function') {
      const id = window.requestIdleCallback(() => setIdle(true), { timeout: timeoutMs });
      return () => window.cancelIdleCallback(id);
    }
    const timer = setTimeout(() => setIdle(true), 100);
    return () => clearTimeout(timer);
  }, [ready, idle, timeoutMs]);
  return idle;
}
