import { Body1, SearchBox, Switch, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { useApiSession } from '../../../api/api-context.tsx';
import { EmptyState } from '../../../components/empty-state.tsx';
import { LoadingLines } from '../../../components/loading.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { useClassPupils } from '../api/get-class-pupils.ts';
import { ClassPupilCard } from './class-pupil-card.tsx';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  tools: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalL },
  search: { maxWidth: '100%', width: '280px' },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingHorizontalL,
    '@media (min-width: 900px)': { gridTemplateColumns: 'repeat(2, minmax(0, 1fr))' },
    '@media (min-width: 1400px)': { gridTemplateColumns: 'repeat(3, minmax(0, 1fr))' },
  },
  muted: { color: tokens.colorNeutralForeground2 },
});

const searchable = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase('en-GB');

/**
 * The class view: inside a class team, the class's pupils with SEND and what helps each of them, readable on
 * a phone. Only what the server returns for this member of staff.
 */
export function ClassPage(props: { groupId: string }) {
  const styles = useStyles();
  const { me } = useApiSession();
  const query = useClassPupils(props.groupId);
  const [search, setSearch] = useState('');
  const [unreadOnly, setUnreadOnly] = useState(false);

  if (query.isPending) {
    return (
      <div className={styles.root}>
        <PageHeader title="Pupils with SEND in this class" />
        <LoadingLines label="Loading the class" lines={6} />
      </div>
    );
  }
  if (query.isError) {
    return (
      <div className={styles.root}>
        <PageHeader title="Pupils with SEND in this class" />
        <QueryError error={query.error} what="This class" onRetry={() => query.refetch()} />
      </div>
    );
  }

  const { pupils } = query.data;
  const isRead = (p: (typeof pupils)[number]) =>
    p.passport === null || p.myAcknowledgement?.passportVersion === p.passport.version;
  const toRead = pupils.filter((p) => !isRead(p)).length;
  const withPassport = pupils.filter((p) => p.passport !== null).length;
  const shown = pupils.filter(
    (p) =>
      (!unreadOnly || !isRead(p)) &&
      (search === '' || searchable(p.displayName).includes(searchable(search))),
  );

  return (
    <div className={styles.root}>
      <PageHeader
        title={`${query.data.class.displayName}: pupils with SEND`}
        subtitle={
          pupils.length === 0
            ? undefined
            : `What helps each pupil, and their access arrangements. ${
                toRead === 0
                  ? withPassport > 0
                    ? 'You have read every passport.'
                    : ''
                  : `${toRead} of ${withPassport} passports to read: press “I’ve read this” when you have.`
              }`
        }
      />
      {pupils.length === 0 ? (
        <EmptyState title="No pupils with SEND in this class">
          Nobody in {query.data.class.displayName} is on the SEN register, or none you support. If you think a
          pupil is missing, ask the SENCO.
        </EmptyState>
      ) : (
        <>
          {pupils.length > 4 && (
            <div className={styles.tools}>
              <SearchBox
                className={styles.search}
                aria-label="Find a pupil in this class"
                placeholder="Find a pupil"
                value={search}
                onChange={(_e, data) => setSearch(data.value)}
              />
              <Switch
                label="Only passports I have not read"
                checked={unreadOnly}
                onChange={(_e, data) => setUnreadOnly(data.checked)}
              />
            </div>
          )}
          {shown.length === 0 ? (
            <Body1 className={styles.muted}>No pupils match. Clear the search to see everyone.</Body1>
          ) : (
            <div className={styles.grid}>
              {shown.map((pupil) => (
                <ClassPupilCard key={pupil.id} pupil={pupil} canOpenRecord={me.can.fullRecords} />
              ))}
            </div>
          )}
        </>
      )}
    </div>
  );
}
