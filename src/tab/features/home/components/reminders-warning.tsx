import { Link, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useQuery } from '@tanstack/react-query';
import type { RemindersStatusAnswer } from '../../../../contract/settings.ts';
import { useApiSession } from '../../../api/api-context.tsx';
import { useRouter } from '../../../app/router.tsx';
import { homeKeys } from '../api/keys.ts';

/** "Reminders are not reaching the channel", on the home view, while that is so; nothing otherwise. */
export function RemindersWarning() {
  const { api, me } = useApiSession();
  const { navigate } = useRouter();
  const status = useQuery({
    queryKey: homeKeys.remindersStatus,
    queryFn: () => api.get<RemindersStatusAnswer>('/api/reminders/status'),
    refetchInterval: 5 * 60_000,
  });
  const problem = status.data?.problem;
  if (!problem) return null;
  const [title, ...rest] = problem.message.split(': ');
  return (
    <MessageBar intent="warning" role="status">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {rest.join(': ')}{' '}
        {me.can.settings && (
          <Link
            href="?page=settings"
            onClick={(e) => {
              e.preventDefault();
              navigate({ name: 'settings' });
            }}
          >
            Open the settings
          </Link>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
