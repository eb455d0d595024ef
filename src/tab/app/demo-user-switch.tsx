import { Field, Select, makeStyles } from '@fluentui/react-components';
import type { DemoUser } from '../auth/demo-sign-in.ts';
import { describeRoles } from './session.ts';

const useStyles = makeStyles({
  field: { minWidth: 0, maxWidth: '100%' },
  select: { minWidth: '220px', maxWidth: '100%' },
});

/**
 * Local mode only: sign in as any demo user, as a person evaluating the app would want. A native select (Fluent's
 * Select): the header is on every first screen, and Fluent's Dropdown would bring its popup positioning with it.
 * Until the list of demo users has loaded (after the first screen), it shows the person signed in alone.
 */
export function DemoUserSwitch(props: {
  users: DemoUser[] | undefined;
  current: DemoUser;
  onSwitch: (upn: string) => void;
}) {
  const styles = useStyles();
  const label = (u: DemoUser) => `${u.displayName} — ${u.jobTitle ?? describeRoles(u.roles)}`;
  const users = props.users?.some((u) => u.upn === props.current.upn) ? props.users : [props.current];
  return (
    <Field label="Demo user" className={styles.field}>
      <Select
        className={styles.select}
        value={props.current.upn}
        onChange={(_e, data) => {
          if (data.value && data.value !== props.current.upn) props.onSwitch(data.value);
        }}
      >
        {users.map((u) => (
          <option key={u.upn} value={u.upn}>
            {label(u)}
          </option>
        ))}
      </Select>
    </Field>
  );
}
