import type { InstalledTeam } from '../../../../contract/settings.ts';
import type { DomainSettings } from '../../../../domain/domain-settings.ts';

/** What the settings form holds while the SENCO edits: text as typed, checked only when saved. */
export type SettingsDraft = {
  schoolName: string;
  passportReviewMonths: string;
  notionalSenBudget: string;
  terms: { name: string; from: string; to: string }[];
  channelKey: string;
  digestWeekday: string;
  postTime: string;
  schoolDay: { starts: string; ends: string };
};

/** A channel the bot can post to, as the channel dropdown offers it. */
export type ChannelChoice = {
  key: string;
  teamId: string;
  teamName: string;
  channelId: string;
  channelName: string;
  label: string;
};

export function channelChoices(teams: readonly InstalledTeam[]): ChannelChoice[] {
  return teams.flatMap((t) =>
    t.channels.map((c) => ({
      key: `${t.teamId}|${c.id}`,
      teamId: t.teamId,
      teamName: t.teamName,
      channelId: c.id,
      channelName: c.name,
      label: `${t.teamName} › ${c.name}`,
    })),
  );
}

export function draftOf(settings: DomainSettings): SettingsDraft {
  const channel = settings.reminders.channel;
  return {
    schoolName: settings.school.name ?? '',
    passportReviewMonths: String(settings.passportReviewMonths),
    notionalSenBudget: settings.notionalSenBudget === undefined ? '' : String(settings.notionalSenBudget),
    terms: settings.termDates.map((t) => ({ name: t.name ?? '', from: t.from, to: t.to })),
    channelKey: channel ? `${channel.teamId}|${channel.channelId}` : '',
    digestWeekday: String(settings.reminders.digestWeekday),
    postTime: settings.reminders.postTime,
    schoolDay: { ...settings.schoolDay },
  };
}

/**
 * The settings the draft says, over `current` (settings this screen does not show are kept as they are
 * there), for the same schema the server checks with.
 */
export function settingsInput(
  current: DomainSettings,
  draft: SettingsDraft,
  channels: readonly ChannelChoice[],
) {
  const chosen = channels.find((c) => c.key === draft.channelKey);
  const keptChannel = draft.channelKey && !chosen ? current.reminders.channel : undefined;
  const budget = draft.notionalSenBudget.replace(/[£,\s]/g, '');
  const { name: _name, ...school } = current.school;
  return {
    ...current,
    school: { ...school, ...(draft.schoolName.trim() ? { name: draft.schoolName } : {}) },
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
