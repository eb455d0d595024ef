import {
  Body1,
  Card,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Subtitle2,
  Title2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import {
  enableConfigurationSave,
  notifyConfigurationShown,
  setConfigurationValid,
} from '../../../host/teams-config.ts';
import { classTabConfiguration, type HostContext } from '../../../host/teams-host.ts';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    maxWidth: '720px',
    minWidth: 0,
  },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
  },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  name: { maxWidth: '320px' },
});

/**
 * The configurable tab's configuration page (Teams loads /config when a member adds SENCO Hub to a class
 * team or group chat): what the tab will show and to whom, then Teams' Save button saves it with
 * `pages.config`. It needs no sign-in: nothing about pupils is shown here.
 */
export function ConfigPage(props: { host: HostContext }) {
  const styles = useStyles();
  const [name, setName] = useState('SEND');
  const nameRef = useRef(name);
  const inSettings = props.host.inTeams;

  useEffect(() => {
    nameRef.current = name;
    if (inSettings) setConfigurationValid(name.trim() !== '');
  }, [name, inSettings]);

  useEffect(() => {
    if (!inSettings) return;
    enableConfigurationSave(() => classTabConfiguration(window.location.origin, nameRef.current));
    notifyConfigurationShown();
  }, [inSettings]);

  return (
    <div className={styles.root}>
      <Title2 as="h1">Add SENCO Hub to this team</Title2>
      <Body1>
        The tab shows the pupils with SEND in this class, with what helps each of them and their access
        arrangements, so everyone who teaches them has the same strategies to hand, on a phone too.
      </Body1>
      <Card className={styles.card}>
        <Subtitle2 as="h2">What each person will see</Subtitle2>
        <ul className={styles.list}>
          <li>
            <Body1>
              Teachers and teaching assistants: the pupils with SEND they teach or support in this class,
              their passports and access arrangements, and an “I’ve read this” button.
            </Body1>
          </li>
          <li>
            <Body1>The SENCO and the SEND team: the same, with a link to each pupil’s full record.</Body1>
          </li>
          <li>
            <Body1>Pupils in the team: nothing. SEND records are never shown to them.</Body1>
          </li>
        </ul>
        <Body1>The SENCO can see who has read each passport.</Body1>
      </Card>
      <Field label="Tab name" hint="What the tab is called in this team." required>
        <Input
          className={styles.name}
          value={name}
          maxLength={30}
          onChange={(_e, data) => setName(data.value)}
        />
      </Field>
      {inSettings ? (
        <Body1>Press Save to add the tab.</Body1>
      ) : (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Open this from Teams</MessageBarTitle>
            This is the page Teams shows when someone adds SENCO Hub as a tab in a class team. In a class
            team, choose + (Add a tab), then SENCO Hub.
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
