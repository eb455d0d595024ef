import { z } from 'zod';
import { type CalendarDate } from './calendar-date.ts';
import { calendarDateField } from './calendar-date-field.ts';
import { senNeedSchema } from './needs.schema.ts';
import {
  booleanField,
  emailField,
  idField,
  optionalText,
  requiredText,
  wholeNumberField,
} from './schema-fields.ts';
import { senProvisionHistorySchema } from './sen-status.schema.ts';
import { upnSchema } from './upn.ts';
import { yearGroupOnDate, type YearGroup } from './year-group.ts';

export const contactSchema = z.object({
  name: requiredText('Contact name'),
  relationship: requiredText('Contact relationship', 60),
  hasParentalResponsibility: booleanField('Parental responsibility'),
  email: emailField('Contact email').optional(),
  phone: optionalText('Contact phone', 40),
  /** 1 = first to contact. */
  priority: wholeNumberField('Contact priority', { min: 1, max: 20 }),
});

export type Contact = z.output<typeof contactSchema>;

export const pupilSchema = z.object({
  id: idField('Pupil id'),
  upn: upnSchema,
  legalForename: requiredText('Legal forename', 100),
  legalSurname: requiredText('Legal surname', 100),
  preferredForename: optionalText('Preferred forename', 100),
  dateOfBirth: calendarDateField('Date of birth'),
  /**
   * Year group follows from the date of birth (yearGroupOn). A pupil taught out of their chronological
   * cohort carries an offset: -1 = one year below. Default 0.
   */
  yearGroupOffset: wholeNumberField('Year group offset', { min: -2, max: 2 }).default(0),
  classIds: z.array(idField('Class id'), { error: 'Classes must be a list' }).default([]),
  lookedAfter: booleanField('Looked after').default(false),
  /** Last Personal Education Plan review, for looked-after pupils. */
  pepReviewedOn: calendarDateField('PEP review date').optional(),
  pupilPremium: booleanField('Pupil premium').default(false),
  freeSchoolMeals: booleanField('Free school meals').default(false),
  eal: booleanField('English as an additional language').default(false),
  /** LA top-up (element 3) funding, which some LAs give pupils on SEN support as well as EHC plans. */
  topUpFunding: booleanField('Top-up funding').default(false),
  contacts: z.array(contactSchema, { error: 'Contacts must be a list' }).default([]),
  senProvision: senProvisionHistorySchema.default([]),
  /** Ranked census needs. Whether they fit the provision is a data-quality question for census-check. */
  needs: z.array(senNeedSchema, { error: 'Needs must be a list' }).default([]),
});

export type Pupil = z.output<typeof pupilSchema>;
export type PupilInput = z.input<typeof pupilSchema>;

export function pupilDisplayName(
  pupil: Pick<Pupil, 'legalForename' | 'legalSurname' | 'preferredForename'>,
): string {
  return `${pupil.preferredForename ?? pupil.legalForename} ${pupil.legalSurname}`;
}

/** The pupil's year group on a day, honouring an out-of-cohort placement. */
export function pupilYearGroupOn(
  pupil: Pick<Pupil, 'dateOfBirth' | 'yearGroupOffset'>,
  date: CalendarDate,
): YearGroup | undefined {
  return yearGroupOnDate(pupil.dateOfBirth, date, pupil.yearGroupOffset);
}
