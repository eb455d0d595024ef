import { makeStyles, tokens } from '@fluentui/react-components';
import { LoadingLines } from '../../../components/loading.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { useSchoolSettings } from '../api/settings-api.ts';
import { RetentionSection } from './retention-section.tsx';
import { RolesPanel } from './roles-panel.tsx';
import { SettingsForm } from './settings-form.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
});

/**
 * Settings: the school's name, the SENCO's choices for the rules, the school's terms, where reminders go,
 * who holds each role, and retention.
 */
export function SettingsPage() {
  const styles = useStyles();
  const settings = useSchoolSettings();
  return (
    <div className={styles.root}>
      <PageHeader
        title="Settings"
        subtitle="The school’s choices SENCO Hub works to. Only the SENCO can see and change them."
      />
      {settings.isPending ? (
        <LoadingLines label="Loading the settings" lines={6} />
      ) : settings.isError ? (
        <QueryError error={settings.error} what="the settings" onRetry={() => settings.refetch()} />
      ) : (
        <SettingsForm current={settings.data} />
      )}
      <SectionCard title="Who holds which role">
        <RolesPanel />
      </SectionCard>
      <RetentionSection />
    </div>
  );
}
