import { Field, Input, MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { SectionCard } from '../../../components/section-card.tsx';
import { useSettingsStyles } from './settings-styles.ts';

/**
 * The school's name, as it heads the documents SENCO Hub makes (a subject access export). Until it is saved,
 * those documents say "The school", and this section asks for it.
 */
export function SchoolSection(props: {
  name: string;
  /** Whether a name is saved now (the prompt stays until one is). */
  saved: boolean;
  onChange: (name: string) => void;
  error: string | undefined;
}) {
  const styles = useSettingsStyles();
  return (
    <SectionCard title="The school">
      {!props.saved && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>Enter the school’s name</MessageBarTitle>
            It heads what SENCO Hub writes for people outside it, such as a subject access export for a
            parent. Until it is saved they say “The school”.
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.fields}>
        <Field
          className={styles.wide}
          label="School name"
          hint="As it appears on the school’s letters, e.g. Oakfield Primary School."
          validationMessage={props.error}
        >
          <Input
            value={props.name}
            autoComplete="organization"
            onChange={(_e, d) => props.onChange(d.value)}
          />
        </Field>
      </div>
    </SectionCard>
  );
}
