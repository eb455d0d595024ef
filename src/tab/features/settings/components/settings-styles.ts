import { makeStyles, tokens } from '@fluentui/react-components';

/** The layout the settings form's sections share: fields side by side, wrapping on a narrow screen. */
export const useSettingsStyles = makeStyles({
  fields: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, alignItems: 'flex-start' },
  narrow: { width: '14rem', maxWidth: '100%' },
  wide: { minWidth: '16rem', maxWidth: '100%' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
});
