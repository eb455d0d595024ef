import {
  Button,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { saveSettingsBody, type SettingsAnswer } from '../../../../contract/settings.ts';
import type { DomainSettings } from '../../../../domain/domain-settings.ts';
import { WEEKDAY_NAMES } from '../../../../domain/school-calendar.ts';
import { describeError } from '../../../components/describe-error.ts';
import { dateTime } from '../../../components/format.ts';
import { LoadingLines } from '../../../components/loading.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { RetentionSection } from './retention-section.tsx';
import { VisuallyHidden } from '../../../components/visually-hidden.tsx';
import { useRemindersChannel, useSaveSettings, useSchoolSettings } from '../api/settings-api.ts';
import { RemindersChannelStatus } from './reminders-channel-status.tsx';
import { RolesPanel } from './roles-panel.tsx';
import { SettingsMerge, settingsConflictOf, type SettingsConflict } from './settings-merge.tsx';
import { SchoolDaySection } from './school-day-section.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  fields: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, alignItems: 'flex-start' },
  narrow: { width: '14rem', maxWidth: '100%' },
  wide: { minWidth: '16rem', maxWidth: '100%' },
  term: {
    border: 'none',
    padding: 0,
    margin: 0,
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingHorizontalS,
    alignItems: 'end',
    '@media (min-width: 700px)': { gridTemplateColumns: 'minmax(0, 2fr) minmax(0, 1fr) minmax(0, 1fr) auto' },
  },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
});

type Draft = {
  passportReviewMonths: string;
  notionalSenBudget: string;
  terms: { name: string; from: string; to: string }[];
  channelKey: string;
  digestWeekday: string;
  postTime: string;
  schoolDay: { starts: string; ends: string };
};

function draftOf(settings: DomainSettings): Draft {
  const channel = settings.reminders.channel;
  return {
    passportReviewMonths: String(settings.passportReviewMonths),
    notionalSenBudget: settings.notionalSenBudget === undefined ? '' : String(settings.notionalSenBudget),
    terms: settings.termDates.map((t) => ({ name: t.name ?? '', from: t.from, to: t.to })),
    channelKey: channel ? `${channel.teamId}|${channel.channelId}` : '',
    digestWeekday: String(settings.reminders.digestWeekday),
    postTime: settings.reminders.postTime,
    schoolDay: { ...settings.schoolDay },
  };
}

/** The settings the draft says, for the same schema the server checks with. */
function settingsInput(
  current: DomainSettings,
  draft: Draft,
  channels: { key: string; teamId: string; teamName: string; channelId: string; channelName: string }[],
) {
  const chosen = channels.find((c) => c.key === draft.channelKey);
  const keptChannel = draft.channelKey && !chosen ? current.reminders.channel : undefined;
  const budget = draft.notionalSenBudget.replace(/[£,\s]/g, '');
  return {
    ...current,
    passportReviewMonths:
      draft.passportReviewMonths.trim() === '' ? undefined : Number(draft.passportReviewMonths),
    notionalSenBudget: budget === '' ? undefined : Number(budget),
    schoolDay: draft.schoolDay,
    termDates: draft.terms.map((t) => ({
      ...(t.name.trim() ? { name: t.name.trim() } : {}),
      from: t.from,
      to: t.to,
    })),
    reminders: {
      digestWeekday: Number(draft.digestWeekday),
      postTime: draft.postTime,
      ...(chosen
        ? {
            channel: {
              teamId: chosen.teamId,
              teamName: chosen.teamName,
              channelId: chosen.channelId,
              channelName: chosen.channelName,
            },
          }
        : keptChannel
          ? { channel: keptChannel }
          : {}),
    },
  };
}

/** Settings: the SENCO's choices for the rules, the school's terms, where reminders go, and who holds each role. */
export function SettingsPage() {
  const styles = useStyles();
  const settings = useSchoolSettings();
  return (
    <div className={styles.root}>
      <PageHeader
        title="Settings"
        subtitle="The school’s choices SENCO Hub works to. Only the SENCO can see and change them."
      />
      {settings.isPending ? (
        <LoadingLines label="Loading the settings" lines={6} />
      ) : settings.isError ? (
        <QueryError error={settings.error} what="the settings" onRetry={() => settings.refetch()} />
      ) : (
        <SettingsForm current={settings.data} />
      )}
      <SectionCard title="Who holds which role">
        <RolesPanel />
      </SectionCard>
      <RetentionSection />
    </div>
  );
}

function SettingsForm(props: { current: SettingsAnswer }) {
  const styles = useStyles();
  const { current } = props;
  const [draft, setDraft] = useState<Draft>(() => draftOf(current.settings));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  // The version the draft was made from, and, after a refused save, what is stored now and what was tried.
  const [base, setBase] = useState({ settings: current.settings, eTag: current.eTag });
  const [conflict, setConflict] = useState<{ stored: SettingsConflict; tried: DomainSettings }>();
  const save = useSaveSettings();
  const channel = useRemindersChannel();
  const summaryRef = useRef<HTMLDivElement>(null);
  const mergeRef = useRef<HTMLDivElement>(null);
  const set = (patch: Partial<Draft>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...patch }));
  };
  useEffect(() => {
    if (conflict) mergeRef.current?.focus();
    else if (Object.keys(errors).length || save.isError || saved) summaryRef.current?.focus();
  }, [errors, save.isError, saved, conflict]);

  const channels = (channel.data?.teams ?? []).flatMap((t) =>
    t.channels.map((c) => ({
      key: `${t.teamId}|${c.id}`,
      teamId: t.teamId,
      teamName: t.teamName,
      channelId: c.id,
      channelName: c.name,
      label: `${t.teamName} › ${c.name}`,
    })),
  );
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

  /** The draft as settings over `over` (settings this screen does not show are kept as they are there). */
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
  const termError = (i: number, part: 'from' | 'to' | 'name') => err(`termDates.${i}.${part}`);

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

      <SectionCard title="Passports and budget">
        <div className={styles.fields}>
          <Field
            className={styles.narrow}
            label="Passport review interval (months)"
            hint="How long until a saved or reviewed passport is due review: 1 to 12."
            validationMessage={err('passportReviewMonths')}
          >
            <Input
              inputMode="numeric"
              value={draft.passportReviewMonths}
              onChange={(_e, d) => set({ passportReviewMonths: d.value })}
            />
          </Field>
          <Field
            className={styles.narrow}
            label="Notional SEN budget (£)"
            hint="This financial year’s, from the local authority. Leave empty if not known."
            validationMessage={err('notionalSenBudget')}
          >
            <Input
              inputMode="decimal"
              contentBefore="£"
              value={draft.notionalSenBudget}
              onChange={(_e, d) => set({ notionalSenBudget: d.value })}
            />
          </Field>
        </div>
      </SectionCard>

      <SchoolDaySection
        value={draft.schoolDay}
        onChange={(schoolDay) => set({ schoolDay })}
        errors={{ starts: err('schoolDay.starts'), ends: err('schoolDay.ends') }}
      />

      <SectionCard title="Term dates">
        <Text as="p">
          Reminders are posted on school days only: weekdays in a term, bank holidays excepted. With no terms
          recorded, every weekday but bank holidays counts.
        </Text>
        {draft.terms.map((term, i) => (
          <fieldset key={i} className={styles.term}>
            <legend>
              <VisuallyHidden>Term {i + 1}</VisuallyHidden>
            </legend>
            <Field label={`Term ${i + 1} name`} validationMessage={termError(i, 'name')}>
              <Input
                value={term.name}
                placeholder="Autumn 1"
                onChange={(_e, d) =>
                  set({ terms: draft.terms.map((t, j) => (j === i ? { ...t, name: d.value } : t)) })
                }
              />
            </Field>
            <Field label="First day" validationMessage={termError(i, 'from')}>
              <Input
                type="date"
                value={term.from}
                onChange={(_e, d) =>
                  set({ terms: draft.terms.map((t, j) => (j === i ? { ...t, from: d.value } : t)) })
                }
              />
            </Field>
            <Field label="Last day" validationMessage={termError(i, 'to')}>
              <Input
                type="date"
                value={term.to}
                onChange={(_e, d) =>
                  set({ terms: draft.terms.map((t, j) => (j === i ? { ...t, to: d.value } : t)) })
                }
              />
            </Field>
            <Button
              aria-label={`Remove term ${i + 1}${term.name ? ` (${term.name})` : ''}`}
              onClick={() => set({ terms: draft.terms.filter((_t, j) => j !== i) })}
            >
              Remove
            </Button>
          </fieldset>
        ))}
        <div className={styles.actions}>
          <Button onClick={() => set({ terms: [...draft.terms, { name: '', from: '', to: '' }] })}>
            Add a term
          </Button>
        </div>
      </SectionCard>

      <SectionCard title="Reminders in Teams">
        <RemindersChannelStatus />
        <div className={styles.fields}>
          <Field
            label="Channel for reminders"
            hint="A channel of a team the SENCO Hub bot is in."
            validationMessage={err('reminders.channel') ?? err('reminders.channel.channelId')}
            className={styles.wide}
          >
            <Dropdown
              placeholder={channel.isPending ? 'Loading channels…' : 'Choose a channel'}
              value={chosenLabel}
              selectedOptions={draft.channelKey ? [draft.channelKey] : []}
              onOptionSelect={(_e, d) => set({ channelKey: d.optionValue ?? '' })}
            >
              {channels.map((c) => (
                <Option key={c.key} value={c.key}>
                  {c.label}
                </Option>
              ))}
            </Dropdown>
          </Field>
          <Field
            className={styles.narrow}
            label="Weekly digest day"
            validationMessage={err('reminders.digestWeekday')}
          >
            <Dropdown
              value={WEEKDAY_NAMES[Number(draft.digestWeekday) - 1] ?? ''}
              selectedOptions={[draft.digestWeekday]}
              onOptionSelect={(_e, d) => set({ digestWeekday: d.optionValue ?? '1' })}
            >
              {WEEKDAY_NAMES.slice(0, 5).map((name, i) => (
                <Option key={name} value={String(i + 1)}>
                  {name}
                </Option>
              ))}
            </Dropdown>
          </Field>
          <Field
            className={styles.narrow}
            label="Posting time"
            hint="UK time. The digest and the day’s reminders go from then."
            validationMessage={err('reminders.postTime')}
          >
            <Input type="time" value={draft.postTime} onChange={(_e, d) => set({ postTime: d.value })} />
          </Field>
        </div>
      </SectionCard>

      <div className={styles.actions}>
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
