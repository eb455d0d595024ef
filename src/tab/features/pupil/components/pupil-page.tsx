import { Badge, Caption1, Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import { BROAD_AREA_LABELS, SEN_NEEDS } from '../../../../domain/needs.ts';
import { ErrorBoundary } from '../../../app/error-boundary.tsx';
import type { PupilSection } from '../../../app/route.ts';
import { useRouter } from '../../../app/router.tsx';
import { useApiSession } from '../../../api/api-context.tsx';
import type { FullPupilView, PupilFlags } from '../../../../domain/pupil-views.ts';
import { FLAG_LABELS } from '../../../api/pupil-labels.ts';
import { needWithArea, yearAndClasses } from '../../../components/format.ts';
import { LoadingLines } from '../../../components/loading.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { SenStatusBadge } from '../../../components/status-badge.tsx';
import { usePupil } from '../../../api/pupil.ts';
import { AuditSection } from './audit-section.tsx';
import { CopyPupilLink } from './copy-pupil-link.tsx';
import { EhcPlanSection } from './ehc-plan-section.tsx';
import { InterventionsSection } from './interventions-section.tsx';
import { MeetingsSection } from './meetings-section.tsx';
import { PupilOverview } from './pupil-overview.tsx';
import { ProfessionalsSection } from './professionals-section.tsx';
import { SubjectAccessExportButton } from './subject-access-export.tsx';
import { usePupilParts } from '../pupil-parts.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  tags: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  tabs: { flexWrap: 'wrap', borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
});

const SECTION_LABELS: Record<PupilSection, string> = {
  overview: 'Overview',
  'sen-support': 'SEN support plan',
  'ehc-plan': 'EHC plan',
  interventions: 'Interventions',
  professionals: 'Professionals',
  meetings: 'Meetings',
  audit: 'Audit',
};

/**
 * A pupil's record. The SEND team get the whole record in tabs (each tab is its own request, so the audit
 * log says which parts were read); class staff get the passport, which is all the server gives them.
 */
export function PupilPage(props: { pupilId: string; section: PupilSection }) {
  const styles = useStyles();
  const pupil = usePupil(props.pupilId);
  const { PassportPage } = usePupilParts();
  const back = { to: { name: 'register' as const }, label: 'Back to the register' };

  if (pupil.isPending) {
    return (
      <div className={styles.root}>
        <PageHeader title="Pupil record" back={back} />
        <LoadingLines label="Loading the pupil’s record" lines={8} />
      </div>
    );
  }
  if (pupil.isError) {
    return (
      <div className={styles.root}>
        <PageHeader title="Pupil record" back={back} />
        <QueryError error={pupil.error} what="This pupil" onRetry={() => pupil.refetch()} />
      </div>
    );
  }
  if (pupil.data.access === 'class') return <PassportPage pupilId={props.pupilId} />;
  return <FullRecord pupil={pupil.data} section={props.section} />;
}

function FullRecord(props: { pupil: FullPupilView; section: PupilSection }) {
  const styles = useStyles();
  const { navigate } = useRouter();
  const { me } = useApiSession();
  const { SenSupportSection } = usePupilParts();
  const { pupil, section } = props;
  const flags = (Object.keys(FLAG_LABELS) as (keyof PupilFlags)[]).filter((f) => pupil.flags[f]);
  const sections = (Object.keys(SECTION_LABELS) as PupilSection[]).filter(
    (s) =>
      (s !== 'audit' || me.can.auditLog) &&
      // A needs assessment request often comes before any plan: the SEND team sees the tab for every pupil.
      (s !== 'ehc-plan' || pupil.hasEhcPlan || me.can.fullRecords || section === 'ehc-plan') &&
      (s !== 'sen-support' ||
        pupil.hasSenSupportPlan ||
        pupil.senStatus === 'K' ||
        section === 'sen-support'),
  );

  return (
    <div className={styles.root}>
      <PageHeader
        title={pupil.displayName}
        back={{ to: { name: 'register' }, label: 'Back to the register' }}
        actions={
          <>
            <CopyPupilLink pupilId={pupil.id} />
            <SubjectAccessExportButton pupilId={pupil.id} />
          </>
        }
        subtitle={
          <span className={styles.tags}>
            <SenStatusBadge status={pupil.senStatus} />
            <span>
              {[
                yearAndClasses(pupil.yearGroup, pupil.classes),
                pupil.primaryNeed
                  ? needWithArea(
                      SEN_NEEDS[pupil.primaryNeed].description,
                      pupil.primaryAreaOfNeed ? BROAD_AREA_LABELS[pupil.primaryAreaOfNeed] : undefined,
                    )
                  : '',
              ]
                .filter(Boolean)
                .join(' · ')}
            </span>
            {flags.map((f) => (
              <Badge
                key={f}
                appearance="outline"
                shape="rounded"
                color="informative"
                title={FLAG_LABELS[f].long}
              >
                {FLAG_LABELS[f].long}
              </Badge>
            ))}
          </span>
        }
      />
      <TabList
        className={styles.tabs}
        selectedValue={section}
        aria-label={`Parts of ${pupil.displayName}’s record`}
        onTabSelect={(_e, data) =>
          navigate(
            { name: 'pupil', pupilId: pupil.id, section: data.value as PupilSection },
            { replace: true },
          )
        }
      >
        {sections.map((s) => (
          <Tab key={s} value={s} id={`pupil-tab-${s}`} aria-controls="pupil-panel">
            {SECTION_LABELS[s]}
          </Tab>
        ))}
      </TabList>
      <div className={styles.panel} role="tabpanel" id="pupil-panel" aria-labelledby={`pupil-tab-${section}`}>
        <ErrorBoundary region={SECTION_LABELS[section]} key={section}>
          {section === 'overview' && <PupilOverview pupil={pupil} />}
          {section === 'sen-support' && (
            <SenSupportSection pupilId={pupil.id} pupilName={pupil.displayName} />
          )}
          {section === 'ehc-plan' && <EhcPlanSection pupilId={pupil.id} />}
          {section === 'interventions' && <InterventionsSection pupilId={pupil.id} />}
          {section === 'professionals' && <ProfessionalsSection pupilId={pupil.id} />}
          {section === 'meetings' && <MeetingsSection pupilId={pupil.id} />}
          {section === 'audit' && <AuditSection pupilId={pupil.id} />}
        </ErrorBoundary>
        <Caption1 className={styles.muted}>
          Opening a part of this record is recorded in the audit log, as the school’s data protection policy
          requires.
        </Caption1>
      </div>
    </div>
  );
}
