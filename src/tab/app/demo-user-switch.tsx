import { Dropdown, Field, Option, makeStyles } from '@fluentui/react-components';
import type { DemoUser } from '../auth/demo-sign-in.ts';
import { describeRoles } from './session.ts';

const useStyles = makeStyles({
  field: { minWidth: 0, maxWidth: '100%' },
  dropdown: { minWidth: '220px', maxWidth: '100%' },
});

/** Local mode only: sign in as any demo user, as a person evaluating the app would want. */
export function DemoUserSwitch(props: {
  users: DemoUser[];
  current: string;
  onSwitch: (upn: string) => void;
}) {
  const styles = useStyles();
  const current = props.users.find((u) => u.upn === props.current);
  const label = (u: DemoUser) => `${u.displayName} — ${u.jobTitle ?? describeRoles(u.roles)}`;
  return (
    <Field label="Demo user" className={styles.field}>
      <Dropdown
        className={styles.dropdown}
        value={current ? label(current) : ''}
        selectedOptions={[props.current]}
        onOptionSelect={(_e, data) => {
          if (data.optionValue && data.optionValue !== props.current) props.onSwitch(data.optionValue);
        }}
      >
        {props.users.map((u) => (
          <Option key={u.upn} value={u.upn} text={label(u)}>
            {label(u)}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}
