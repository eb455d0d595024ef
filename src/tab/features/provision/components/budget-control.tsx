import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { describeError } from '../../../components/describe-error.ts';
import { dateTime } from '../../../components/format.ts';
import { VisuallyHidden } from '../../../components/visually-hidden.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import type { SettingsAnswer } from '../api/get-settings.ts';
import { useSettings } from '../api/get-settings.ts';
import { useSaveNotionalBudget } from '../api/save-notional-budget.ts';
import { conflictOf } from '../../../api/error-answers.ts';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

/** '£84,250.50', '84250' or '' (no budget); 'invalid' for anything else. */
export function parsePounds(text: string): number | undefined | 'invalid' {
  const cleaned = text.replace(/[£,\s]/g, '');
  if (cleaned === '') return undefined;
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return 'invalid';
  return Number(cleaned);
}

/**
 * The SENCO's "Set budget" / "Change budget" button and its dialog, for the whole-school cost card. The
 * settings are loaded before the dialog opens: a dialog whose whole content is swapped while open (loading,
 * then the form) is left aria-hidden by Fluent's focus manager, unseen by screen readers.
 */
export function BudgetControl(props: { budget: number | null }) {
  const [open, setOpen] = useState(false);
  const settings = useSettings({ enabled: open });
  const label = props.budget === null ? 'Set notional SEN budget' : 'Change notional SEN budget';
  const loading = open && settings.isPending;
  return (
    <>
      <Button
        onClick={() => setOpen(true)}
        disabledFocusable={loading}
        icon={loading ? <Spinner size="tiny" /> : undefined}
      >
        {label}
        {loading && <VisuallyHidden> – loading the school’s settings</VisuallyHidden>}
      </Button>
      {open && !settings.isPending && (
        <BudgetDialog title={label} settings={settings} onClose={() => setOpen(false)} />
      )}
    </>
  );
}

function BudgetDialog(props: {
  title: string;
  settings: ReturnType<typeof useSettings>;
  onClose: () => void;
}) {
  const { settings } = props;
  return (
    <Dialog open onOpenChange={(_e, data) => !data.open && props.onClose()}>
      <DialogSurface>
        {settings.isError || !settings.data ? (
          <DialogBody>
            <DialogTitle>{props.title}</DialogTitle>
            <DialogContent>
              <QueryError
                error={settings.error}
                what="The school’s settings"
                onRetry={() => settings.refetch()}
              />
            </DialogContent>
            <DialogActions>
              <Button onClick={props.onClose}>Close</Button>
            </DialogActions>
          </DialogBody>
        ) : (
          <BudgetForm title={props.title} current={settings.data} onClose={props.onClose} />
        )}
      </DialogSurface>
    </Dialog>
  );
}

function BudgetForm(props: { title: string; current: SettingsAnswer; onClose: () => void }) {
  const styles = useStyles();
  const save = useSaveNotionalBudget();
  const [text, setText] = useState(props.current.settings.notionalSenBudget?.toString() ?? '');
  const value = parsePounds(text);
  const conflict = conflictOf<unknown>(save.error);
  const changed = conflict;
  const failure = save.error && !conflict ? describeError(save.error, 'The budget') : undefined;

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (value === 'invalid') return;
        // After a 409 the settings are read again; saving once more quotes the version now stored.
        save.mutate({ current: props.current, notionalSenBudget: value }, { onSuccess: props.onClose });
      }}
    >
      <DialogBody>
        <DialogTitle>{props.title}</DialogTitle>
        <DialogContent className={styles.form}>
          <Field
            label="Notional SEN budget for this financial year (£)"
            hint="From your local authority’s budget statement for the school, April to March. Leave empty to remove it."
            validationMessage={value === 'invalid' ? 'Enter an amount in pounds, such as 84000' : undefined}
          >
            <Input
              inputMode="decimal"
              contentBefore="£"
              value={text}
              onChange={(_e, d) => setText(d.value)}
            />
          </Field>
          {conflict && (
            <MessageBar intent="warning" layout="multiline" role="alert">
              <MessageBarBody>
                <MessageBarTitle>
                  Settings changed by {changed?.changedBy ?? 'someone else'} on{' '}
                  {dateTime(changed?.changedAt ?? null)}
                </MessageBarTitle>
                They have been loaded again. Save once more to record your budget with them.
              </MessageBarBody>
            </MessageBar>
          )}
          {failure && (
            <MessageBar intent="error" role="alert" layout="multiline">
              <MessageBarBody>Not saved. {failure.detail}</MessageBarBody>
            </MessageBar>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>Cancel</Button>
          <Button
            appearance="primary"
            type="submit"
            disabled={value === 'invalid' || save.isPending}
            icon={save.isPending ? <Spinner size="tiny" /> : undefined}
          >
            Save budget
          </Button>
        </DialogActions>
      </DialogBody>
    </form>
  );
}
