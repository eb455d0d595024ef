import { useCallback, useEffect, useState } from 'react';

/**
 * Form entries kept in this browser tab (sessionStorage: gone when the tab closes, never shared) until they
 * are saved or discarded, so going elsewhere in the app and coming back loses nothing; closing or reloading
 * the tab with entries unsaved makes the browser ask first.
 */

function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

function read<T>(key: string): T | undefined {
  try {
    const text = storage()?.getItem(key);
    return text ? (JSON.parse(text) as T) : undefined;
  } catch {
    return undefined;
  }
}

export function useSessionDraft<T>(key: string, initial: () => T) {
  const [restored] = useState(() => read<T>(key) !== undefined);
  const [value, setValue] = useState<T>(() => read<T>(key) ?? initial());
  const [dirty, setDirty] = useState(restored);

  const update = useCallback(
    (next: T) => {
      setValue(next);
      setDirty(true);
      try {
        storage()?.setItem(key, JSON.stringify(next));
      } catch {
        // Full or blocked storage: the page still holds the entries.
      }
    },
    [key],
  );

  const discard = useCallback(() => {
    try {
      storage()?.removeItem(key);
    } catch {
      // Nothing stored.
    }
    setDirty(false);
    setValue(initial());
    // `initial` is a fresh closure each render; the key decides which draft this is.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  return { value, update, discard, restored, dirty };
}

/** Whether a draft is kept under `key` (so a page can reopen the form it belongs to). */
export function hasSessionDraft(key: string): boolean {
  return read(key) !== undefined;
}
