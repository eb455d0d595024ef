import { MessageBar, MessageBarBody, MessageBarTitle, Spinner } from '@fluentui/react-components';
import { QueryError } from '../../../components/query-error.tsx';
import { useRemindersChannel } from '../api/settings-api.ts';

/** Whether reminders can reach the chosen channel: the bot in its team, the channel not deleted. */
export function RemindersChannelStatus() {
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
  if (data.botInstalled && data.channelDeleted) {
    return (
      <MessageBar intent="warning">
        <MessageBarBody>
          <MessageBarTitle>
            {data.channel.channelName ?? 'The chosen channel'} was deleted in Teams
          </MessageBarTitle>
          Reminders cannot be posted there. Choose another channel below and save.
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
