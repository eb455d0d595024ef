import { formatCalendarDate } from '../domain/calendar-date.ts';
import { sessionNumberOf } from '../domain/intervention-session.ts';
import type { Intervention, InterventionPupil } from '../domain/intervention.schema.ts';
import { BROAD_AREAS_OF_NEED } from '../domain/needs.ts';
import {
  booleanColumn,
  CHANGED_BY_COLUMNS,
  choiceColumn,
  dateColumn,
  integerColumn,
  jsonColumn,
  noteColumn,
  numberColumn,
  textColumn,
  type ListDefinition,
} from './list-definition.ts';
import { fieldReader, jsonValue, opt, titleValue, type Fields, type SharePointItem } from './list-fields.ts';
import type { InterventionMeasuresInput, InterventionSession } from './send-records.ts';

/**
 * The provision map: interventions (one item each; JSON column Staff), the pupils in each (participation,
 * one item per pupil and intervention) and delivered sessions (one item per session; JSON columns
 * AttendedPupilIds, AbsentPupilIds). Attendance counts are not rewritten when a session is recorded: the
 * replica adds the recorded sessions to each participation's counts, so two people recording at once never
 * lose an update.
 */

export const INTERVENTIONS_LIST: ListDefinition = {
  key: 'interventions',
  displayName: 'SENCO Hub Interventions',
  description: 'Interventions on the provision map (SENCO Hub).',
  keyColumn: 'InterventionId',
  since: 1,
  columns: [
    textColumn('InterventionId', { unique: true }),
    choiceColumn('AreaOfNeed', BROAD_AREAS_OF_NEED, { indexed: true }),
    jsonColumn('Staff', { description: 'Who delivers it: name, role and Entra user id, as JSON' }),
    choiceColumn('Delivery', ['group', 'individual']),
    numberColumn('SessionsPerWeek'),
    integerColumn('MinutesPerSession'),
    numberColumn('CostPerHour'),
    numberColumn('CostPerSession', { since: 4, description: 'When costed by the session, in pounds' }),
    numberColumn('ResourceCost'),
    dateColumn('StartOn', { indexed: true }),
    dateColumn('EndOn', { indexed: true }),
    numberColumn('DeliveryWeeks'),
    textColumn('MeasureName'),
    booleanColumn('MeasureHigherIsBetter'),
    ...CHANGED_BY_COLUMNS,
  ],
};

export const INTERVENTION_PUPILS_LIST: ListDefinition = {
  key: 'interventionPupils',
  displayName: 'SENCO Hub Intervention Pupils',
  description: 'Which pupils take part in each intervention, with entry and exit measures (SENCO Hub).',
  keyColumn: 'ParticipationKey',
  since: 1,
  columns: [
    textColumn('ParticipationKey', { unique: true, description: 'InterventionId|PupilId' }),
    textColumn('InterventionId', { indexed: true }),
    textColumn('PupilId', { indexed: true }),
    dateColumn('JoinedOn'),
    dateColumn('LeftOn'),
    numberColumn('EntryMeasure'),
    numberColumn('ExitMeasure'),
    integerColumn('SessionsAttended', { description: 'Before sessions were recorded in SENCO Hub' }),
    integerColumn('SessionsOffered', { description: 'Before sessions were recorded in SENCO Hub' }),
    ...CHANGED_BY_COLUMNS,
  ],
};

export const INTERVENTION_SESSIONS_LIST: ListDefinition = {
  key: 'interventionSessions',
  displayName: 'SENCO Hub Intervention Sessions',
  description: 'Delivered intervention sessions and who attended (SENCO Hub).',
  keyColumn: 'SessionId',
  since: 1,
  columns: [
    textColumn('SessionId', { unique: true }),
    textColumn('InterventionId', { indexed: true }),
    dateColumn('SessionDate', { indexed: true }),
    integerColumn('SessionNumber', {
      since: 5,
      description: 'Which session of the day (1, 2…) when it runs more than once a day; empty: the first',
    }),
    jsonColumn('AttendedPupilIds'),
    jsonColumn('AbsentPupilIds'),
    noteColumn('Note'),
    textColumn('RecordedByUserId', { indexed: true }),
    textColumn('RecordedByUpn'),
    textColumn('RecordedByName'),
  ],
};

export function interventionToFields(intervention: Intervention): Fields {
  return {
    Title: titleValue(intervention.name),
    InterventionId: intervention.id,
    AreaOfNeed: intervention.areaOfNeed,
    Staff: jsonValue(intervention.staff),
    Delivery: intervention.delivery,
    SessionsPerWeek: intervention.sessionsPerWeek,
    MinutesPerSession: intervention.minutesPerSession,
    CostPerHour: intervention.costPerHour,
    CostPerSession: opt(intervention.costPerSession),
    ResourceCost: intervention.resourceCost,
    StartOn: intervention.startOn,
    EndOn: opt(intervention.endOn),
    DeliveryWeeks: opt(intervention.deliveryWeeks),
    MeasureName: opt(intervention.measure?.name),
    MeasureHigherIsBetter: opt(intervention.measure?.higherIsBetter),
  };
}

/** Without its pupils (items of their own). Unchecked: the replica parses with interventionSchema. */
export function interventionFromItem(item: SharePointItem): Record<string, unknown> & { id: string } {
  const f = fieldReader(INTERVENTIONS_LIST, item);
  const measureName = f.optionalText('MeasureName');
  return {
    id: f.text('InterventionId'),
    name: f.text('Title'),
    areaOfNeed: f.text('AreaOfNeed'),
    staff: f.json('Staff') ?? [],
    delivery: f.text('Delivery'),
    sessionsPerWeek: f.number('SessionsPerWeek'),
    minutesPerSession: f.number('MinutesPerSession'),
    costPerHour: f.number('CostPerHour'),
    costPerSession: f.optionalNumber('CostPerSession'),
    resourceCost: f.optionalNumber('ResourceCost') ?? 0,
    startOn: f.date('StartOn'),
    endOn: f.optionalDate('EndOn'),
    deliveryWeeks: f.optionalNumber('DeliveryWeeks'),
    ...(measureName
      ? { measure: { name: measureName, higherIsBetter: f.boolean('MeasureHigherIsBetter') } }
      : {}),
  };
}

export const participationKey = (interventionId: string, pupilId: string) => `${interventionId}|${pupilId}`;

export function interventionPupilToFields(interventionId: string, p: InterventionPupil): Fields {
  return {
    Title: titleValue(participationKey(interventionId, p.pupilId)),
    ParticipationKey: participationKey(interventionId, p.pupilId),
    InterventionId: interventionId,
    PupilId: p.pupilId,
    JoinedOn: opt(p.joinedOn),
    LeftOn: opt(p.leftOn),
    EntryMeasure: opt(p.entryMeasure),
    ExitMeasure: opt(p.exitMeasure),
    SessionsAttended: opt(p.sessionsAttended),
    SessionsOffered: opt(p.sessionsOffered),
  };
}

/** The columns a change of measures writes: every one of them, so a value left out is cleared (null). */
export function interventionMeasuresToFields(
  measures: Pick<InterventionMeasuresInput, 'entryMeasure' | 'exitMeasure' | 'leftOn' | 'by'>,
  writeId: string,
): Fields {
  return {
    EntryMeasure: opt(measures.entryMeasure),
    ExitMeasure: opt(measures.exitMeasure),
    LeftOn: opt(measures.leftOn),
    ChangedByUserId: measures.by.userId,
    ChangedByName: measures.by.name,
    WriteId: writeId,
  };
}

export function interventionPupilFromItem(item: SharePointItem): {
  interventionId: string;
  pupil: Record<string, unknown> & { pupilId: string };
} {
  const f = fieldReader(INTERVENTION_PUPILS_LIST, item);
  return {
    interventionId: f.text('InterventionId'),
    pupil: {
      pupilId: f.text('PupilId'),
      joinedOn: f.optionalDate('JoinedOn'),
      leftOn: f.optionalDate('LeftOn'),
      entryMeasure: f.optionalNumber('EntryMeasure'),
      exitMeasure: f.optionalNumber('ExitMeasure'),
      sessionsAttended: f.optionalNumber('SessionsAttended'),
      sessionsOffered: f.optionalNumber('SessionsOffered'),
    },
  };
}

export function interventionSessionToFields(sessionId: string, s: InterventionSession): Fields {
  return {
    Title: titleValue(
      `Session on ${formatCalendarDate(s.date)}${sessionNumberOf(s) > 1 ? ` (session ${sessionNumberOf(s)})` : ''}`,
    ),
    SessionId: sessionId,
    InterventionId: s.interventionId,
    SessionDate: s.date,
    SessionNumber: opt(sessionNumberOf(s) > 1 ? sessionNumberOf(s) : undefined),
    AttendedPupilIds: JSON.stringify(s.attendedPupilIds),
    AbsentPupilIds: JSON.stringify(s.absentPupilIds),
    Note: opt(s.note),
    RecordedByUserId: s.recordedBy.userId,
    RecordedByUpn: s.recordedBy.upn,
    RecordedByName: s.recordedBy.name,
  };
}

export function interventionSessionFromItem(item: SharePointItem): InterventionSession {
  const f = fieldReader(INTERVENTION_SESSIONS_LIST, item);
  const ids = (name: string): string[] => {
    const value = f.json(name) ?? [];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
      throw f.fail(name, 'expected a JSON list of pupil ids');
    return value as string[];
  };
  const note = f.optionalText('Note');
  const sessionNumber = f.optionalNumber('SessionNumber');
  return {
    interventionId: f.text('InterventionId'),
    date: f.date('SessionDate'),
    ...(sessionNumber !== undefined && sessionNumber > 1 ? { sessionNumber } : {}),
    attendedPupilIds: ids('AttendedPupilIds'),
    absentPupilIds: ids('AbsentPupilIds'),
    ...(note ? { note } : {}),
    recordedBy: {
      userId: f.text('RecordedByUserId'),
      upn: f.optionalText('RecordedByUpn') ?? '',
      name: f.optionalText('RecordedByName') ?? '',
    },
  };
}
