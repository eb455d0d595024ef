import { Button } from '@fluentui/react-components';
import type { Route } from './route.ts';
import { useRouter } from './router.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { PageHeader } from '../components/page-header.tsx';

/** A page someone's role has no use for, said plainly, with the way to their own start page. */
export function NotForRole(props: { title: string; reason: string; home: Route; homeLabel: string }) {
  const { navigate } = useRouter();
  return (
    <>
      <PageHeader title={props.title} />
      <EmptyState
        title="This page is not part of your role in SENCO Hub"
        action={<Button onClick={() => navigate(props.home)}>{props.homeLabel}</Button>}
      >
        {props.reason}
      </EmptyState>
    </>
  );
}
