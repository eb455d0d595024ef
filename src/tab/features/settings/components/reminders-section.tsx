import { Dropdown, Field, Input, Option } from '@fluentui/react-components';
import { WEEKDAY_NAMES } from '../../../../domain/school-calendar.ts';
import { SectionCard } from '../../../components/section-card.tsx';
import { RemindersChannelStatus } from './reminders-channel-status.tsx';
import type { ChannelChoice } from './settings-draft.ts';
import { useSettingsStyles } from './settings-styles.ts';

type RemindersDraft = { channelKey: string; digestWeekday: string; postTime: string };

/** Where reminders are posted in Teams, the weekly digest's day and the time they go. */
export function RemindersSection(props: {
  value: RemindersDraft;
  onChange: (patch: Partial<RemindersDraft>) => void;
  channels: readonly ChannelChoice[];
  channelsLoading: boolean;
  /** The chosen channel as it reads, also when it is no longer among `channels`. */
  chosenLabel: string;
  errors: { channel: string | undefined; digestWeekday: string | undefined; postTime: string | undefined };
}) {
  const styles = useSettingsStyles();
  const { value, onChange } = props;
  return (
    <SectionCard title="Reminders in Teams">
      <RemindersChannelStatus />
      <div className={styles.fields}>
        <Field
          label="Channel for reminders"
          hint="A channel of a team the SENCO Hub bot is in."
          validationMessage={props.errors.channel}
          className={styles.wide}
        >
          <Dropdown
            placeholder={props.channelsLoading ? 'Loading channels…' : 'Choose a channel'}
            value={props.chosenLabel}
            selectedOptions={value.channelKey ? [value.channelKey] : []}
            onOptionSelect={(_e, d) => onChange({ channelKey: d.optionValue ?? '' })}
          >
            {props.channels.map((c) => (
              <Option key={c.key} value={c.key}>
                {c.label}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field
          className={styles.narrow}
          label="Weekly digest day"
          validationMessage={props.errors.digestWeekday}
        >
          <Dropdown
            value={WEEKDAY_NAMES[Number(value.digestWeekday) - 1] ?? ''}
            selectedOptions={[value.digestWeekday]}
            onOptionSelect={(_e, d) => onChange({ digestWeekday: d.optionValue ?? '1' })}
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
          validationMessage={props.errors.postTime}
        >
          <Input type="time" value={value.postTime} onChange={(_e, d) => onChange({ postTime: d.value })} />
        </Field>
      </div>
    </SectionCard>
  );
}
