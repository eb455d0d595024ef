import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { LoadingLines } from '../../../components/loading.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { useRoles } from '../api/settings-api.ts';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** Who holds which SENCO Hub app role, and how to change it in Microsoft Entra. */
export function RolesPanel() {
  const styles = useStyles();
  const roles = useRoles();
  if (roles.isPending) return <LoadingLines label="Reading the roles from the directory" lines={3} />;
  if (roles.isError)
    return <QueryError error={roles.error} what="who holds which role" onRetry={() => roles.refetch()} />;
  return (
    <>
      {roles.data.roles.map((role) => (
        <div key={role.role}>
          <Text as="h3" weight="semibold">
            {role.label}
          </Text>
          {role.people.length === 0 ? (
            <Text as="p">Nobody.</Text>
          ) : (
            <ul className={styles.list}>
              {role.people.map((p) => (
                <li key={`${p.upn} ${p.viaGroup ?? ''}`}>
                  {p.name} <Text size={200}>({p.upn})</Text>
                  {p.viaGroup !== null && <Text size={200}> — through the group {p.viaGroup}</Text>}
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
      <Text as="p">{roles.data.howToChange}</Text>
    </>
  );
}
