import { Link } from '@fluentui/react-components';
import type { MouseEvent, ReactNode } from 'react';
import { urlForRoute, type Route } from './route.ts';
import { useRouter } from './router.tsx';

/**
 * A link to a page of the tab: a real href (so it can be opened in a new browser tab, and reads as a
 * link to assistive technology) that navigates in place on a plain click.
 */
export function RouteLink(props: {
  to: Route;
  children: ReactNode;
  className?: string | undefined;
  'aria-current'?: 'page' | undefined;
  'aria-label'?: string | undefined;
}) {
  const { navigate } = useRouter();
  const href = urlForRoute(new URL(window.location.href), props.to);
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(props.to);
  };
  return (
    <Link
      as="a"
      href={`${href.pathname}${href.search}`}
      onClick={onClick}
      className={props.className}
      aria-current={props['aria-current']}
      aria-label={props['aria-label']}
    >
      {props.children}
    </Link>
  );
}
