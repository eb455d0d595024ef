import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { describeError } from './describe-error.ts';

/** A region's load failure: what happened, and a retry when trying again could help. */
export function QueryError(props: { error: unknown; what: string; onRetry?: () => unknown }) {
  const { title, detail, canRetry } = describeError(props.error, props.what);
  const onRetry = props.onRetry;
  return (
    <MessageBar intent={canRetry ? 'error' : 'warning'} role="alert" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {detail}
      </MessageBarBody>
      {canRetry && onRetry && (
        <MessageBarActions>
          <Button onClick={() => void onRetry()}>Try again</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
