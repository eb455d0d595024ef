import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { RouteLink } from './route-link.tsx';
import type { Route } from './route.ts';
import { pageOf } from './route.ts';
import type { NavItem } from './pages-for-role.ts';

const useStyles = makeStyles({
  nav: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    padding: `0 ${tokens.spacingHorizontalXL}`,
  },
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalL,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  link: {
    display: 'inline-block',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXS}`,
    color: tokens.colorNeutralForeground2,
    borderBottom: `${tokens.strokeWidthThicker} solid transparent`,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    textDecorationLine: 'none',
    ':hover': { color: tokens.colorNeutralForeground1, textDecorationLine: 'none' },
  },
  current: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    borderBottomColor: tokens.colorCompoundBrandStroke,
  },
});

/** The tab's pages as a row of links under the header, like the tabs of a Teams channel (never a side rail). */
export function AppNav(props: { items: NavItem[]; current: Route['name'] | undefined; currentPage: string }) {
  const styles = useStyles();
  return (
    <nav className={styles.nav} aria-label="SENCO Hub pages">
      <ul className={styles.list}>
        {props.items.map((item) => {
          const active = pageOf(item.route) === props.currentPage || item.route.name === props.current;
          return (
            <li key={pageOf(item.route)}>
              <RouteLink
                to={item.route}
                className={mergeClasses(styles.link, active && styles.current)}
                aria-current={active ? 'page' : undefined}
              >
                {item.label}
              </RouteLink>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
