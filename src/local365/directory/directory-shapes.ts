import type { DirectoryGroup, DirectoryUser } from './directory-store.ts';

/**
 * Graph's JSON for users, groups, educationUsers and educationClasses. `full*` carries every property the
 * stand-in knows (what $select may name); the default shapes are what Graph returns without $select.
 */

export const USER_DEFAULT_PROPERTIES = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
] as const;

function mailNickname(address: string): string {
  return address.split('@')[0] ?? address;
}

export function fullUser(user: DirectoryUser): Record<string, unknown> {
  return {
    businessPhones: [],
    displayName: user.displayName,
    givenName: user.givenName,
    jobTitle: user.jobTitle,
    mail: user.mail,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: 'en-GB',
    surname: user.surname,
    userPrincipalName: user.userPrincipalName,
    id: user.id,
    accountEnabled: true,
    createdDateTime: user.createdDateTime,
    department: user.department,
    employeeId: null,
    mailNickname: mailNickname(user.mail),
    otherMails: [],
    proxyAddresses: [`SMTP:${user.mail}`],
    usageLocation: 'GB',
    userType: 'Member',
  };
}

export function defaultUser(user: DirectoryUser): Record<string, unknown> {
  const full = fullUser(user);
  return Object.fromEntries(USER_DEFAULT_PROPERTIES.map((k) => [k, full[k]]));
}

/** A user inside a directoryObject collection (group members/owners): typed with @odata.type. */
export function userAsDirectoryObject(shape: Record<string, unknown>): Record<string, unknown> {
  return { '@odata.type': '#microsoft.graph.user', ...shape };
}

export function fullGroup(group: DirectoryGroup): Record<string, unknown> {
  const isClass = group.kind === 'class';
  return {
    id: group.id,
    deletedDateTime: null,
    classification: null,
    createdDateTime: group.createdDateTime,
    // School Data Sync creates class groups with these options; Teams shows them as class teams.
    creationOptions: isClass
      ? ['classAssignments', 'ExchangeProvisioningFlags:461']
      : group.isTeam
        ? ['Team', 'ExchangeProvisioningFlags:3552']
        : [],
    description: group.description,
    displayName: group.displayName,
    expirationDateTime: null,
    groupTypes: ['Unified'],
    isAssignableToRole: null,
    mail: group.mail,
    mailEnabled: true,
    mailNickname: group.mailNickname,
    membershipRule: null,
    membershipRuleProcessingState: null,
    onPremisesDomainName: null,
    onPremisesLastSyncDateTime: null,
    onPremisesNetBiosName: null,
    onPremisesSamAccountName: null,
    onPremisesSecurityIdentifier: null,
    onPremisesSyncEnabled: null,
    preferredDataLocation: null,
    preferredLanguage: null,
    proxyAddresses: [`SMTP:${group.mail}`],
    renewedDateTime: group.createdDateTime,
    resourceBehaviorOptions: isClass
      ? ['HideGroupInOutlook', 'WelcomeEmailDisabled', 'SubscribeNewGroupMembers']
      : [],
    resourceProvisioningOptions: group.isTeam ? ['Team'] : [],
    securityEnabled: false,
    securityIdentifier: null,
    theme: null,
    visibility: group.visibility,
    onPremisesProvisioningErrors: [],
    serviceProvisioningErrors: [],
  };
}

export function fullEducationUser(user: DirectoryUser): Record<string, unknown> {
  return {
    id: user.id,
    accountEnabled: true,
    businessPhones: [],
    createdBy: null,
    department: user.department,
    displayName: user.displayName,
    externalSource: 'sis',
    externalSourceDetail: 'School Data Sync',
    givenName: user.givenName,
    middleName: null,
    mail: user.mail,
    mailNickname: mailNickname(user.mail),
    mailingAddress: null,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: 'en-GB',
    primaryRole: user.primaryRole,
    refreshTokensValidFromDateTime: user.createdDateTime,
    residenceAddress: null,
    showInAddressList: true,
    surname: user.surname,
    usageLocation: 'GB',
    userPrincipalName: user.userPrincipalName,
    userType: 'Member',
    student: user.student,
    teacher: user.teacher,
  };
}

export function fullEducationClass(group: DirectoryGroup): Record<string, unknown> {
  const edu = group.education;
  return {
    id: group.id,
    classCode: edu?.classCode ?? null,
    createdBy: null,
    description: group.description,
    displayName: group.displayName,
    externalId: edu?.externalId ?? null,
    externalName: edu?.externalName ?? null,
    externalSource: 'sis',
    externalSourceDetail: 'School Data Sync',
    grade: edu?.grade ?? null,
    mailNickname: group.mailNickname,
    term: edu ? { ...edu.term } : null,
    course: edu
      ? { courseNumber: null, description: null, displayName: edu.grade, externalId: null, subject: null }
      : null,
  };
}
