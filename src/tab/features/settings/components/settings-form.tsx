import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { saveSettingsBody, type SettingsAnswer } from '../../../../contract/settings.ts';
import type { DomainSettings } from '../../../../domain/domain-settings.ts';
import { describeError } from '../../../components/describe-error.ts';
import { dateTime } from '../../../components/format.ts';
import { useRemindersChannel, useSaveSettings } from '../api/settings-api.ts';
import { PassportsBudgetSection } from './passports-budget-section.tsx';
import { RemindersSection } from './reminders-section.tsx';
import { SchoolDaySection } from './school-day-section.tsx';
import { SchoolSection } from './school-section.tsx';
import { channelChoices, draftOf, settingsInput, type SettingsDraft } from './settings-draft.ts';
import { SettingsMerge, settingsConflictOf, type SettingsConflict } from './settings-merge.tsx';
import { useSettingsStyles } from './settings-styles.ts';
import { TermDatesSection } from './term-dates-section.tsx';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
});

/**
 * The school's settings as one form, saved against the version it was read at: refused fields are named in a
 * summary that takes focus; a save refused as stale opens the merge view, focused.
 */
export function SettingsForm(props: { current: SettingsAnswer }) {
  const styles = useStyles();
  const shared = useSettingsStyles();
  const { current } = props;
  const [draft, setDraft] = useState<SettingsDraft>(() => draftOf(current.settings));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  // The version the draft was made from, and, after a refused save, what is stored now and what was tried.
  const [base, setBase] = useState({ settings: current.settings, eTag: current.eTag });
  const [conflict, setConflict] = useState<{ stored: SettingsConflict; tried: DomainSettings }>();
  const save = useSaveSettings();
  const channel = useRemindersChannel();
  const summaryRef = useRef<HTMLDivElement>(null);
  const mergeRef = useRef<HTMLDivElement>(null);
  const set = (patch: Partial<SettingsDraft>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...patch }));
  };
  useEffect(() => {
    if (conflict) mergeRef.current?.focus();
    else if (Object.keys(errors).length || save.isError || saved) summaryRef.current?.focus();
  }, [errors, save.isError, saved, conflict]);

  const channels = channelChoices(channel.data?.teams ?? []);
  const chosen = base.settings.reminders.channel;
  const chosenLabel =
    channels.find((c) => c.key === draft.channelKey)?.label ??
    (chosen ? `${chosen.teamName ?? 'Team'} › ${chosen.channelName ?? 'channel'}` : '');

  function saveAgainst(settings: DomainSettings, eTag: string) {
    save.mutate(
      { settings, eTag },
      {
        onSuccess: (answer) => {
          setDraft(draftOf(answer.settings));
          setBase({ settings: answer.settings, eTag: answer.eTag });
          setConflict(undefined);
          setSaved(true);
        },
        onError: (error) => {
          const stored = settingsConflictOf(error);
          setConflict(stored && { stored, tried: settings });
        },
      },
    );
  }

  /** The draft as settings over `over`, checked with the schema the server uses; errors shown if refused. */
  function checkedDraft(over: DomainSettings): DomainSettings | undefined {
    const parsed = saveSettingsBody.safeParse({ settings: settingsInput(over, draft, channels) });
    if (!parsed.success) {
      setErrors(
        Object.fromEntries(parsed.error.issues.map((i) => [i.path.slice(1).join('.'), i.message] as const)),
      );
      return undefined;
    }
    setErrors({});
    return parsed.data.settings;
  }

  function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const settings = checkedDraft(conflict?.stored.current.value ?? base.settings);
    if (settings) saveAgainst(settings, conflict?.stored.current.eTag ?? base.eTag);
  }

  /** Yours over theirs: saved against the version now stored. */
  function keepMine() {
    if (!conflict) return;
    const settings = checkedDraft(conflict.stored.current.value);
    if (settings) saveAgainst(settings, conflict.stored.current.eTag);
  }

  /** Theirs into the form, to carry on from. */
  function useTheirs() {
    if (!conflict) return;
    const { value, eTag } = conflict.stored.current;
    setDraft(draftOf(value));
    setBase({ settings: value, eTag });
    setConflict(undefined);
    save.reset();
  }
  const err = (key: string) => errors[key];

  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate aria-label="School settings">
      <div ref={summaryRef} tabIndex={-1}>
        {Object.keys(errors).length > 0 && (
          <MessageBar intent="error">
            <MessageBarBody>
              <MessageBarTitle>Nothing was saved</MessageBarTitle>
              {Object.values(errors).join('. ')}.
            </MessageBarBody>
          </MessageBar>
        )}
        {save.isError && !conflict && (
          <MessageBar intent="error">
            <MessageBarBody>
              <MessageBarTitle>Nothing was saved</MessageBarTitle>
              {describeError(save.error, 'save the settings')}
            </MessageBarBody>
          </MessageBar>
        )}
        {saved && (
          <MessageBar intent="success">
            <MessageBarBody>Settings saved.</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {conflict && (
        <SettingsMerge
          ref={mergeRef}
          conflict={conflict.stored}
          yours={conflict.tried}
          pending={save.isPending}
          onKeepMine={keepMine}
          onUseTheirs={useTheirs}
        />
      )}

      <SchoolSection
        name={draft.schoolName}
        saved={Boolean(base.settings.school.name)}
        onChange={(schoolName) => set({ schoolName })}
        error={err('school.name')}
      />
      <PassportsBudgetSection
        value={draft}
        onChange={set}
        errors={{
          passportReviewMonths: err('passportReviewMonths'),
          notionalSenBudget: err('notionalSenBudget'),
        }}
      />
      <SchoolDaySection
        value={draft.schoolDay}
        onChange={(schoolDay) => set({ schoolDay })}
        errors={{ starts: err('schoolDay.starts'), ends: err('schoolDay.ends') }}
      />
      <TermDatesSection
        terms={draft.terms}
        onChange={(terms) => set({ terms })}
        error={(i, part) => err(`termDates.${i}.${part}`)}
      />
      <RemindersSection
        value={draft}
        onChange={set}
        channels={channels}
        channelsLoading={channel.isPending}
        chosenLabel={chosenLabel}
        errors={{
          channel: err('reminders.channel') ?? err('reminders.channel.channelId'),
          digestWeekday: err('reminders.digestWeekday'),
          postTime: err('reminders.postTime'),
        }}
      />

      <div className={shared.actions}>
        <Button appearance="primary" type="submit" disabled={save.isPending}>
          {save.isPending ? <Spinner size="tiny" label="Saving" /> : 'Save settings'}
        </Button>
        <Text size={200}>
          Last changed {dateTime(current.modifiedAt)}
          {current.modifiedBy ? ` by ${current.modifiedBy}` : ''}.
        </Text>
      </div>
    </form>
  );
}
