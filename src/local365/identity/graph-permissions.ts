/**
 * The permissions the stand-in's Entra grants, as consented on SENCO Hub's app registration in a school tenant.
 * Real Entra puts in a token what the admin consented to; these lists are that consent.
 */

/** Microsoft Graph's application id: the `aud` of every Graph token Entra issues. */
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
/** Graph also accepts tokens whose audience is its resource URI (v1 tokens carry this). */
export const GRAPH_RESOURCE_URI = 'https://graph.microsoft.com';

/** Delegated Graph scopes in a signed-in user's Graph token (`scp`). */
export const DEFAULT_GRAPH_DELEGATED_SCOPES = [
  'Calendars.Read.Shared',
  'Calendars.ReadWrite',
  'Channel.ReadBasic.All',
  'ChannelMessage.Read.All',
  'ChannelMessage.Send',
  'EduRoster.ReadBasic',
  'GroupMember.Read.All',
  'Sites.ReadWrite.All',
  'Team.ReadBasic.All',
  'User.Read',
  'User.ReadBasic.All',
  'email',
  'openid',
  'profile',
] as const;

/** Application permissions in an app-only Graph token (`roles`). */
export const DEFAULT_GRAPH_APPLICATION_ROLES = [
  'Sites.Selected',
  'Calendars.ReadWrite',
  'User.Read.All',
  'EduRoster.Read.All',
  'Member.Read.Hidden',
  'GroupMember.Read.All',
  'TeamsActivity.Send',
] as const;

/** The one delegated scope our own API exposes (Teams SSO / NAA token for the server). */
export const API_SCOPE = 'access_as_user';
