import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useRouter } from '../../../app/router.tsx';
import { useApiSession } from '../../../api/api-context.tsx';
import { longDate } from '../../../components/format.ts';
import { PageHeader } from '../../../components/page-header.tsx';
import { SectionCard } from '../../../components/section-card.tsx';
import { ProvisionCosts } from '../../../components/provision-costs.tsx';
import { useHomeParts } from '../home-parts.tsx';
import { CensusPanel } from './census-panel.tsx';
import { DueWorkPanel } from './due-work-panel.tsx';
import { RegisterNumbers } from './register-numbers.tsx';
import { RemindersWarning } from './reminders-warning.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingHorizontalL,
    alignItems: 'start',
    '@media (min-width: 1100px)': { gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)' },
  },
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  shortcuts: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

/** Home: the SENCO's list of what is due, or, for the headteacher, the numbers. */
export function HomePage() {
  const { me } = useApiSession();
  return me.can.fullRecords ? <SencoHome /> : <HeadOverview />;
}

function SencoHome() {
  const styles = useStyles();
  const { me } = useApiSession();
  const { navigate } = useRouter();
  const parts = useHomeParts();
  const firstName = me.displayName.split(' ')[0] ?? me.displayName;
  return (
    <div className={styles.root}>
      <PageHeader
        title={`Good to see you, ${firstName}`}
        subtitle={`Today is ${longDate(me.today)}. Here is what needs you, most urgent first.`}
      />
      <RemindersWarning />
      <parts.OutlookStatus enabled={me.can.fullRecords} />
      <div className={styles.shortcuts} role="group" aria-label="Shortcuts">
        <Button appearance="primary" onClick={() => navigate({ name: 'register' })}>
          Open the register
        </Button>
        <Button onClick={() => navigate({ name: 'provision' })}>Provision map</Button>
      </div>
      <div className={styles.grid}>
        <div className={styles.column}>
          <SectionCard title="What is due">
            <DueWorkPanel />
          </SectionCard>
        </div>
        <div className={styles.column}>
          <SectionCard title="Census day">
            <CensusPanel />
          </SectionCard>
          <SectionCard title="The register in numbers">
            <RegisterNumbers />
          </SectionCard>
        </div>
      </div>
    </div>
  );
}

function HeadOverview() {
  const styles = useStyles();
  const { me } = useApiSession();
  return (
    <div className={styles.root}>
      <PageHeader
        title="SEND overview"
        subtitle={`The register’s numbers and provision costs on ${longDate(me.today)}. Individual pupils’ records are for the SENCO and the SEND team.`}
      />
      <div className={styles.grid}>
        <SectionCard title="The register in numbers">
          <RegisterNumbers byYearGroup />
        </SectionCard>
        <SectionCard title="Provision costs">
          <ProvisionCosts compact />
        </SectionCard>
      </div>
    </div>
  );
}
