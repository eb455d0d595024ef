import { makeStyles, tokens } from '@fluentui/react-components';

/**
 * The layout every form on a page shares: fields in a column no wider than reads well, groups of fields in a
 * bordered fieldset, short fields side by side that wrap on a phone, and the buttons in a row at the end.
 */
export const useFormStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '48rem' },
  fieldset: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  // Fields side by side where one has a hint below it: their labels and boxes line up from the top.
  rowFromTop: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-start' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  // A select keeps its intrinsic width; inside nested groups at 375 px it must shrink to fit.
  select: { maxWidth: '100%', minWidth: 0 },
});
