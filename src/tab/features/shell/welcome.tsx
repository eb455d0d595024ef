import {
  Body1,
  Card,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Title2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { Me } from '../../app/session.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '760px' },
  card: { padding: tokens.spacingHorizontalL },
});

/** What each role may see, in the words the README uses. */
export function accessSummary(roles: string[]): string {
  if (roles.includes('Senco'))
    return 'the SEND register, every pupil’s record, reviews, provision and the app’s settings';
  if (roles.includes('SendTeam')) return 'the SEND register, every pupil’s record, reviews and provision';
  if (roles.includes('Headteacher'))
    return 'the register’s numbers by status, need and year group, and provision costs';
  return 'the pupils with SEND in the classes you teach or support: their passports, strategies and access arrangements';
}

export function Welcome(props: { me: Me; local: boolean; teamGroupId: string | undefined }) {
  const styles = useStyles();
  return (
    <section className={styles.root} aria-labelledby="welcome-title">
      <Title2 as="h1" id="welcome-title">
        Hello, {props.me.displayName}
      </Title2>
      <Card className={styles.card}>
        <Body1>
          You can see {accessSummary(props.me.roles)}.
          {props.teamGroupId ? ' You opened SENCO Hub in a class team, so it shows that class only.' : ''}
        </Body1>
      </Card>
      {props.local && (
        <MessageBar intent="info">
          <MessageBarBody>
            <MessageBarTitle>Demo school</MessageBarTitle>
            You are using SENCO Hub on a local stand-in for Microsoft 365, with a made-up school. Everything
            the app writes to SharePoint, Outlook and Teams is kept here:{' '}
            <Link href="/local365/">open the inspector</Link> to see it.
          </MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
