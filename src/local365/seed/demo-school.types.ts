/**
 * The demo school as plain data: the Microsoft 365 directory a school already has (staff, pupils as
 * Education users, class teams, a staff team) and the SEND records an MIS and a SENCO would hold.
 * The stand-in loads the directory part; the app loads the SEND records through its own Graph path.
 * Dates are 'YYYY-MM-DD' strings; instants are ISO strings.
 */

export type StaffRole =
  'headteacher' | 'senco' | 'assistant-senco' | 'teacher' | 'teaching-assistant' | 'office';

/** App roles as Entra app-role values on our app registration. */
export type AppRole = 'Senco' | 'SendTeam' | 'Headteacher';

export type DemoStaff = {
  id: string; // Entra object id (GUID)
  upn: string; // e.g. 'j.okafor@oakfield.example.org'
  displayName: string;
  givenName: string;
  surname: string;
  jobTitle: string;
  role: StaffRole;
  appRoles: AppRole[];
  /** Working hours for calendar free/busy, local time Europe/London. */
  workingHours: { daysOfWeek: string[]; startTime: string; endTime: string };
};

export type YearGroup = 'R' | 'Y1' | 'Y2' | 'Y3' | 'Y4' | 'Y5' | 'Y6';

export type DemoClass = {
  /** The class team's Microsoft 365 group id = the educationClass id. */
  groupId: string;
  displayName: string; // e.g. 'Year 4 Willow'
  mailNickname: string;
  yearGroup: YearGroup;
  teacherIds: string[]; // DemoStaff ids (class teachers are owners and members)
  teachingAssistantIds: string[]; // members of the team, not teachers in Education terms
  pupilIds: string[]; // DemoPupil ids
  externalId: string; // MIS class id
};

export type DemoPupil = {
  id: string; // Entra object id of the pupil's account (Education user, primaryRole student)
  upn: string; // Entra sign-in name, e.g. 'ava.smith.21@pupils.oakfield.example.org'
  /** DfE Unique Pupil Number, 13 characters with a valid check letter. */
  dfeUpn: string;
  givenName: string;
  surname: string;
  preferredName?: string;
  dateOfBirth: string;
  gender: 'F' | 'M';
  yearGroup: YearGroup;
  classGroupId: string;
  flags: {
    lookedAfter: boolean;
    pupilPremium: boolean;
    freeSchoolMeals: boolean;
    eal: boolean;
    firstLanguage?: string;
  };
  contacts: {
    name: string;
    relationship: string;
    email?: string;
    phone?: string;
    hasParentalResponsibility: boolean;
  }[];
  send?: DemoSendRecord;
};

export type NeedCode =
  | 'SPLD'
  | 'MLD'
  | 'SLD'
  | 'PMLD'
  | 'SEMH'
  | 'SLCN'
  | 'ASD'
  | 'HI'
  | 'VI'
  | 'MSI'
  | 'PD'
  | 'DS'
  | 'OTH'
  | 'NSA';

export type DemoSendRecord = {
  /** Dated provision history; the last entry with no `to` is open. */
  statusHistory: { status: 'N' | 'K' | 'E'; from: string; to?: string }[];
  needs: { code: NeedCode; rank: 1 | 2; from: string }[];
  passport: {
    aboutMe: string;
    strengths: string[];
    whatIFindHard: string[];
    whatHelpsMe: string[];
    communication: string;
    accessArrangements: string[];
    reviewDue: string;
    lastReviewed: string;
  };
  senSupportPlan?: {
    startDate: string;
    layer: DemoSupportLayer;
    outcomes: string[];
    provision: string[];
    nextReviewDate: string;
    parentMeetings: string[]; // dates held this academic year
  };
  ehcPlan?: {
    localAuthority: string;
    issueDate: string;
    lastReviewMeeting?: string;
    /** What followed the last review meeting; absent for an older review whose paperwork is long done. */
    lastReview?: DemoHeldReview;
    /** The next review, booked in Outlook (an event in the SENCO's calendar). */
    nextReview?: DemoReviewBooking;
    coordinator: { name: string; email: string };
    /** Set for pupils whose phase transfer review is live (Year 6 in a primary). */
    phaseTransfer?: { nextPhase: 'secondary' | 'junior' | 'primary'; transferYear: number };
  };
  professionalIds: string[];
};

/** The layer of support (universal / targeted / targeted plus / specialist) the plan records. */
export type DemoSupportLayer = 'universal' | 'targeted' | 'targeted-plus' | 'specialist';

export type DemoReviewKind = 'annual' | 'phase-transfer';

/** A review meeting that has been held, and what the school and the LA have done since. */
export type DemoHeldReview = {
  kind: DemoReviewKind;
  heldOn: string;
  reportSentOn?: string;
  laDecision?: { decision: 'maintain' | 'amend'; notifiedOn: string };
  finalAmendedPlanIssuedOn?: string;
};

/** Who is invited to a review (the roles of SEND Regulations 2014 reg 20(2), and school staff). */
export type DemoInviteeRole =
  | 'parent-or-young-person'
  | 'head-teacher-or-provider'
  | 'la-sen-officer'
  | 'health-professional'
  | 'social-care-officer'
  | 'educational-psychologist'
  | 'class-teacher'
  | 'senco';

/**
 * A review booked as SENCO Hub books one: a Teams meeting in the SENCO's Outlook calendar (Europe/London
 * times) inviting everyone, invitations and advice requests sent on `bookedOn`.
 */
export type DemoReviewBooking = {
  kind: DemoReviewKind;
  meetingOn: string;
  /** Wall-clock time in England, 'HH:MM'. */
  startsAt: string;
  durationMinutes: number;
  location: string;
  bookedOn: string;
  invitees: { name: string; email: string; role: DemoInviteeRole; internal: boolean }[];
  /** Advice asked of these invitees (by email) on `bookedOn`; received on the date given, or awaited. */
  advice: { email: string; receivedOn?: string }[];
  adviceCirculatedOn?: string;
  event: {
    id: string;
    iCalUId: string;
    /** The booking's idempotency key (Graph event transactionId). */
    transactionId: string;
    joinUrl: string;
    organizerId: string;
    subject: string;
  };
};

export type ProfessionalKind =
  | 'educational-psychologist'
  | 'speech-and-language-therapist'
  | 'camhs'
  | 'social-worker'
  | 'la-sen-officer'
  | 'occupational-therapist'
  | 'school-nurse';

export type DemoProfessional = {
  id: string;
  name: string;
  kind: ProfessionalKind;
  organisation: string;
  /** External address, outside the school's tenant. */
  email: string;
  phone?: string;
};

export type DemoIntervention = {
  id: string;
  name: string;
  areaOfNeed: 'cognition-and-learning' | 'communication-and-interaction' | 'semh' | 'sensory-and-physical';
  staffIds: string[];
  delivery: 'group' | 'individual';
  sessionsPerWeek: number;
  minutesPerSession: number;
  costPerHour: number; // £, staff cost
  startDate: string;
  endDate?: string;
  measure: string; // e.g. 'Reading age (months)'
  participants: {
    pupilId: string;
    entryScore?: number;
    exitScore?: number;
    sessionsAttended: number;
    /** Sessions held while the pupil was in the intervention: attendance is attended out of these. */
    sessionsOffered: number;
  }[];
};

export type DemoSchool = {
  seed: number;
  /** The 'today' the dates were spread around. */
  generatedFor: string;
  tenant: { id: string; domain: string; sharePointHostname: string; displayName: string };
  school: { name: string; urn: string; laName: string; phase: 'primary'; notionalSenBudget: number };
  staff: DemoStaff[];
  classes: DemoClass[];
  pupils: DemoPupil[];
  /** The staff team (all staff) with its SEND channel, where reminders are posted. */
  staffTeam: {
    groupId: string;
    displayName: string;
    mailNickname: string;
    channels: { id: string; displayName: string; description: string }[];
  };
  professionals: DemoProfessional[];
  interventions: DemoIntervention[];
};
