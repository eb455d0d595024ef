import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { Me } from '../../domain/me-view.ts';
import { describeRoles } from './session.ts';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXL}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  brand: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  mark: {
    width: '28px',
    height: '28px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    display: 'grid',
    placeItems: 'center',
    fontWeight: tokens.fontWeightSemibold,
  },
  user: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalL,
    minWidth: 0,
  },
  person: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: 0 },
  names: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  // The person's initials in a circle, as Fluent's Avatar draws them; Avatar itself (with its presence badge,
  // about 7 KB gzipped) would be the largest thing on the first screen for a decoration screen readers skip.
  initials: {
    width: '32px',
    height: '32px',
    flexShrink: 0,
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorNeutralBackground6,
    color: tokens.colorNeutralForeground1,
    display: 'grid',
    placeItems: 'center',
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
  },
});

/** "Sam O'Neill-Jones" → "SO": the first letters of the first and last names. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toLocaleUpperCase('en-GB');
}

/** The tab's header. Inside Teams the app's name is already in Teams' own header, so it is left out. */
export function AppHeader(props: { me: Me | undefined; userSwitch?: ReactNode; inTeams?: boolean }) {
  const styles = useStyles();
  return (
    <header className={styles.header}>
      {!props.inTeams && (
        <div className={styles.brand}>
          <span className={styles.mark} aria-hidden="true">
            S
          </span>
          <Text as="span" weight="semibold" size={400}>
            SENCO Hub
          </Text>
        </div>
      )}
      <div className={styles.user}>
        {props.userSwitch}
        {props.me && (
          <div className={styles.person}>
            <span className={styles.initials} aria-hidden="true">
              {initialsOf(props.me.displayName)}
            </span>
            <div className={styles.names}>
              <Text weight="semibold" truncate wrap={false}>
                {props.me.displayName}
              </Text>
              <Text size={200}>{describeRoles(props.me.roles)}</Text>
            </div>
          </div>
        )}
      </div>
    </header>
  );
}
