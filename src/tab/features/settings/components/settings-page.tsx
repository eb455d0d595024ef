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
import { ApiError } from '../../../api/api-client.ts';
import { describeError } from '../../../components/describe-error.ts';
import { dateTime } from '../../../components/format.ts';
import { LoadingLines } from '../../../components/loading.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { VisuallyHidden } from '../../../components/visually-hidden.tsx';
import { SchoolDaySection } from './school-day-section.tsx';
import { useRemindersChannel, useRoles, useSaveSettings, useSchoolSettings } from '../api/settings-api.ts';

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
    </div>
  );
}

function SettingsForm(props: { current: SettingsAnswer }) {
  const styles = useStyles();
  const { current } = props;
  const [draft, setDraft] = useState<Draft>(() => draftOf(current.settings));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const save = useSaveSettings();
  const channel = useRemindersChannel();
  const summaryRef = useRef<HTMLDivElement>(null);
  const set = (patch: Partial<Draft>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...patch }));
  };
  useEffect(() => {
    if (Object.keys(errors).length || save.isError || saved) summaryRef.current?.focus();
  }, [errors, save.isError, saved]);

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
  const chosen = current.settings.reminders.channel;
  const chosenLabel =
    channels.find((c) => c.key === draft.channelKey)?.label ??
    (chosen ? `${chosen.teamName ?? 'Team'} › ${chosen.channelName ?? 'channel'}` : '');

  function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const parsed = saveSettingsBody.safeParse({ settings: settingsInput(current.settings, draft, channels) });
    if (!parsed.success) {
      setErrors(
        Object.fromEntries(parsed.error.issues.map((i) => [i.path.slice(1).join('.'), i.message] as const)),
      );
      return;
    }
    setErrors({});
    save.mutate(
      { settings: parsed.data.settings, eTag: current.eTag },
      {
        onSuccess: (answer) => {
          setDraft(draftOf(answer.settings));
          setSaved(true);
        },
      },
    );
  }
  const err = (key: string) => errors[key];
  const termError = (i: number, part: 'from' | 'to' | 'name') => err(`termDates.${i}.${part}`);
  const conflict = save.error instanceof ApiError && save.error.status === 412;

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
        {save.isError && (
          <MessageBar intent="error">
            <MessageBarBody>
              <MessageBarTitle>Nothing was saved</MessageBarTitle>
              {conflict
                ? 'Someone else changed the settings since you opened them. Reload the page to see their changes, then make yours again.'
                : describeError(save.error, 'save the settings')}
            </MessageBarBody>
          </MessageBar>
        )}
        {saved && (
          <MessageBar intent="success">
            <MessageBarBody>Settings saved.</MessageBarBody>
          </MessageBar>
        )}
      </div>

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

function RemindersChannelStatus() {
  const channel = useRemindersChannel();
  if (channel.isPending) return <Spinner size="tiny" label="Checking where the bot is installed" />;
  if (channel.isError) return <QueryError error={channel.error} what="where the bot is installed" />;
  const { data } = channel;
  if (!data.channel) {
    return (
      <MessageBar intent="info">
        <MessageBarBody>
          <MessageBarTitle>No channel chosen yet</MessageBarTitle>
          Nothing is posted until you choose one. {data.teams.length === 0 ? data.howToInstall : ''}
        </MessageBarBody>
      </MessageBar>
    );
  }
  return data.botInstalled ? (
    <MessageBar intent="success">
      <MessageBarBody>
        The SENCO Hub bot is in {data.channel.teamName ?? 'the team'}: reminders go to{' '}
        {data.channel.channelName ?? 'the chosen channel'}.
      </MessageBarBody>
    </MessageBar>
  ) : (
    <MessageBar intent="warning">
      <MessageBarBody>
        <MessageBarTitle>The bot is not in {data.channel.teamName ?? 'the chosen team'}</MessageBarTitle>
        Reminders cannot be posted until it is added. {data.howToInstall}
      </MessageBarBody>
    </MessageBar>
  );
}

function RolesPanel() {
  const styles = useStyles();
  const roles = useRoles();
  if (roles.isPending) return <LoadingLines label="Reading the roles from the directory" lines={3} />;
  if (roles.isError)
    return <QueryError error={roles.error} what="who holds which role" onRetry={() => roles.refetch()} />;
  return (
    <>
      {roles.data.roles.map((role) => (
        <div key={role.role}>
          <Text as="h3" weight="semibold">
            {role.label}
          </Text>
          {role.people.length === 0 ? (
            <Text as="p">Nobody{roles.data.teamName ? ` in ${roles.data.teamName}` : ''}.</Text>
          ) : (
            <ul className={styles.list}>
              {role.people.map((p) => (
                <li key={p.upn}>
                  {p.name} <Text size={200}>({p.upn})</Text>
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
      <Text as="p">{roles.data.howToChange}</Text>
      {roles.data.teamName && (
        <Text as="p" size={200}>
          Read from Microsoft Entra for the members of {roles.data.teamName}.
        </Text>
      )}
    </>
  );
}
