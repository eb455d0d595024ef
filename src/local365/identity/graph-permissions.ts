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

/**
 * Application permissions in an app-only Graph token (`roles`): exactly what SENCO Hub's registration asks a
 * school to consent to, so a call needing anything else is refused here with 403 as Graph would. The server's
 * app-only calls are SharePoint on its own site (Sites.Selected, https://learn.microsoft.com/graph/permissions-selected-overview)
 * and the Education roster (src/graph/directory.ts): users, classes, taught classes, class teachers and members
 * (EduRoster.Read.All, plus Member.Read.Hidden because class groups hide their membership,
 * https://learn.microsoft.com/graph/api/educationclass-list-members). The bot reads who is asking and their
 * app roles (Directory.Read.All, below). Booking is delegated; nothing app-only reads calendars or sends activity
 * notifications.
 */
export const DEFAULT_GRAPH_APPLICATION_ROLES = [
  'Sites.Selected',
  'EduRoster.Read.All',
  'Member.Read.Hidden',
  // Reading a user's app role assignments (the bot learns who is the SENCO without a user token):
  // https://learn.microsoft.com/en-us/graph/api/user-list-approleassignments
  // and who holds which role on the app (settings): its service principal and appRoleAssignedTo
  // (https://learn.microsoft.com/en-us/graph/api/serviceprincipal-list-approleassignedto).
  'Directory.Read.All',
] as const;

/**
 * The app roles on SENCO Hub's app registration (its manifest's `appRoles`), by value and id. Entra puts the
 * value in a user's token and the id in their appRoleAssignment. Fixed, as an app registration defines them.
 */
export const SENCO_HUB_APP_ROLES = [
  { value: 'Senco', id: '7a1d2f0e-5c1b-4d39-9f57-3b0c8a6e0001' },
  { value: 'SendTeam', id: '7a1d2f0e-5c1b-4d39-9f57-3b0c8a6e0002' },
  { value: 'Headteacher', id: '7a1d2f0e-5c1b-4d39-9f57-3b0c8a6e0003' },
] as const;

/** The one delegated scope our own API exposes (Teams SSO / NAA token for the server). */
export const API_SCOPE = 'access_as_user';
