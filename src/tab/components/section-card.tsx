import { Card, Subtitle1, makeStyles, tokens } from '@fluentui/react-components';
import { useId, type ReactNode } from 'react';
import { ErrorBoundary } from '../app/error-boundary.tsx';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    minWidth: 0,
  },
  head: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
  },
  title: { margin: 0 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

/** A titled region of a page with its own error boundary, so one failing part leaves the rest readable. */
export function SectionCard(props: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
  headingLevel?: 'h2' | 'h3';
}) {
  const styles = useStyles();
  const id = useId();
  return (
    <Card className={styles.card} role="region" aria-labelledby={id}>
      <div className={styles.head}>
        <Subtitle1 as={props.headingLevel ?? 'h2'} id={id} className={styles.title}>
          {props.title}
        </Subtitle1>
        {props.actions && <div className={styles.actions}>{props.actions}</div>}
      </div>
      <ErrorBoundary region={props.title}>{props.children}</ErrorBoundary>
    </Card>
  );
}
