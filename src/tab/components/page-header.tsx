import { Body1, Button, Title2, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { Route } from '../app/route.ts';
import { useRouter } from '../app/router.tsx';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    marginBottom: tokens.spacingVerticalL,
  },
  titleRow: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
  },
  title: {
    minWidth: 0,
    overflowWrap: 'anywhere',
    '@media (max-width: 480px)': { fontSize: tokens.fontSizeBase600, lineHeight: tokens.lineHeightBase600 },
  },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  back: { alignSelf: 'flex-start', minWidth: 'auto' },
  subtitle: { color: tokens.colorNeutralForeground2 },
});

/**
 * A page's title, what it is about and its actions. Pages below another one get a back button: it goes back
 * in the history when the user came from inside the tab, else to the parent page (a deep link has no history).
 */
export function PageHeader(props: {
  title: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
  back?: { to: Route; label: string };
}) {
  const styles = useStyles();
  const router = useRouter();
  const back = props.back;
  return (
    <div className={styles.root}>
      {back && (
        <Button
          appearance="subtle"
          size="small"
          className={styles.back}
          onClick={() => (router.canGoBack ? router.back() : router.navigate(back.to))}
        >
          <span aria-hidden="true">←&nbsp;</span>
          {back.label}
        </Button>
      )}
      <div className={styles.titleRow}>
        <Title2 as="h1" className={styles.title}>
          {props.title}
        </Title2>
        {props.actions && <div className={styles.actions}>{props.actions}</div>}
      </div>
      {props.subtitle && <Body1 className={styles.subtitle}>{props.subtitle}</Body1>}
    </div>
  );
}
