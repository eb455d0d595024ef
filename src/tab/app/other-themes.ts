// The themes few people open the tab in, in a chunk of their own (themes.ts).
export { teamsDarkTheme, teamsHighContrastTheme } from '@fluentui/react-components';
