import {
  Button,
  Link,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { ApiError } from '../api/api-client.ts';
import { describeError } from '../components/describe-error.ts';
import { UnknownDemoUserError } from './session.ts';

/** The address without ?user=: the last demo user chosen in this browser, or the SENCO. */
function withoutUser(): string {
  const url = new URL(window.location.href);
  url.searchParams.delete('user');
  return url.toString();
}

/** Why nobody is signed in, in words, with the one thing to do next. */
export function SignInFailure(props: { error: Error; onRetry: () => void }) {
  if (props.error instanceof UnknownDemoUserError) {
    return (
      <MessageBar intent="error" role="alert" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>No such demo user</MessageBarTitle>
          {props.error.message}
        </MessageBarBody>
        <MessageBarActions>
          <Link href={withoutUser()}>Open as the demo SENCO</Link>
        </MessageBarActions>
      </MessageBar>
    );
  }
  if (props.error instanceof ApiError) {
    const { title, detail, canRetry } = describeError(props.error, 'Your sign-in');
    const busy = props.error.status === 503 || props.error.status === 429 || props.error.status === 0;
    return (
      <MessageBar intent="error" role="alert" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{busy ? 'SENCO Hub is not ready yet' : title}</MessageBarTitle>
          {busy
            ? 'SENCO Hub’s server is still starting up or very busy, so it could not sign you in. Wait a minute, then try again.'
            : detail}
        </MessageBarBody>
        {(busy || canRetry) && (
          <MessageBarActions>
            <Button onClick={props.onRetry}>Try again</Button>
          </MessageBarActions>
        )}
      </MessageBar>
    );
  }
  return (
    <MessageBar intent="error" role="alert" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>SENCO Hub could not sign you in</MessageBarTitle>
        {props.error.message}
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={props.onRetry}>Try again</Button>
      </MessageBarActions>
    </MessageBar>
  );
}
