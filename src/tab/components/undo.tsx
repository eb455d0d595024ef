import { Button, MessageBar, MessageBarActions, MessageBarBody, Spinner } from '@fluentui/react-components';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

/**
 * Undo for the last action (a Teams store rule). The last undoable action shows as a bar at the top of the
 * page with an Undo button in the normal tab order; a new action replaces it.
 */
export type UndoableAction = { message: string; undo: () => Promise<void> };

type UndoState = {
  last: UndoableAction | undefined;
  offerUndo: (action: UndoableAction) => void;
  clear: () => void;
};

const UndoContext = createContext<UndoState | undefined>(undefined);

export function UndoProvider(props: { children: ReactNode }) {
  const [last, setLast] = useState<UndoableAction | undefined>(undefined);
  const clear = useCallback(() => setLast(undefined), []);
  const value = useMemo(() => ({ last, offerUndo: setLast, clear }), [last, clear]);
  return <UndoContext.Provider value={value}>{props.children}</UndoContext.Provider>;
}

export function useUndo(): Pick<UndoState, 'offerUndo' | 'clear'> {
  const state = useContext(UndoContext);
  if (!state) throw new Error('useUndo must be used inside <UndoProvider>');
  return state;
}

export function UndoBar() {
  const state = useContext(UndoContext);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | undefined>(undefined);
  if (!state?.last) return null;
  const { last, clear } = state;
  const undo = async () => {
    setBusy(true);
    setFailed(undefined);
    try {
      await last.undo();
      clear();
    } catch (err) {
      setFailed(err instanceof Error ? err.message : 'Undo did not work.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <MessageBar intent={failed ? 'error' : 'success'} role="status" layout="multiline">
      <MessageBarBody>{failed ? `Could not undo: ${failed}` : last.message}</MessageBarBody>
      <MessageBarActions>
        <Button onClick={() => void undo()} disabled={busy} icon={busy ? <Spinner size="tiny" /> : undefined}>
          Undo
        </Button>
        <Button appearance="transparent" onClick={clear}>
          Dismiss
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
