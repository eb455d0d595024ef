import { formatCalendarDate, isAfter, type CalendarDate } from '../domain/calendar-date.ts';
import type { Reminder } from '../domain/reminders.ts';
import { firstNameAndInitial, plainParagraph } from './card-text.ts';
import { CARD_SCHEMA, CARD_VERSION, type AdaptiveCard } from './passport-cards.ts';
import { tabDeepLink, type TabLinkOptions } from './tab-links.ts';

/**
 * Reminder cards the bot posts into the staff channel. A channel is read by everyone in the team, so a card says
 * only whose (first name and the initial of the last name) and what is due by when, with a link into SENCO Hub,
 * where the server decides who may see the rest. Never needs, diagnoses or passport text: the reminder carries
 * none (src/domain/reminders.ts) and the card adds none.
 */

const LINK_LABELS: Record<string, string> = {
  home: 'SENCO Hub: this week',
  provision: 'SENCO Hub: provision map',
  register: 'SENCO Hub: SEN register',
};

function openAction(link: TabLinkOptions, reminder: Reminder) {
  const label = reminder.pupil ? 'SENCO Hub: pupil' : (LINK_LABELS[reminder.page] ?? 'SENCO Hub');
  return {
    type: 'Action.OpenUrl',
    title: reminder.pupil ? 'Open the pupil in SENCO Hub' : 'Open in SENCO Hub',
    url: tabDeepLink(link, reminder.page, label),
  };
}

function dueLine(reminder: Reminder, today: CalendarDate): string {
  const when = formatCalendarDate(reminder.due);
  if (reminder.kind === 'la-decision-overdue' || reminder.kind === 'amended-plan-overdue')
    return `Was due by ${when}`;
  if (reminder.kind === 'census') return `Census day: ${when}`;
  if (reminder.kind === 'intervention-ending') return `Ends on ${when}`;
  return isAfter(today, reminder.due) ? `Was due by ${when}` : `Due by ${when}`;
}

function card(body: object[], actions: object[]): AdaptiveCard {
  return { type: 'AdaptiveCard', $schema: CARD_SCHEMA, version: CARD_VERSION, body, actions };
}

/** A nudge: what is due, for whom, by when, and the way into SENCO Hub; it carries its key (withReminderKey). */
export function reminderCard(reminder: Reminder, options: { link: TabLinkOptions; today: CalendarDate }) {
  if (reminder.digest) return withReminderKey(digestCard(reminder, options), reminder.key);
  const body: object[] = [
    { type: 'TextBlock', text: reminder.title, weight: 'Bolder', wrap: true, style: 'heading' },
  ];
  if (reminder.pupil) {
    body.push(plainParagraph(firstNameAndInitial(reminder.pupil.firstName, reminder.pupil.lastName)));
  }
  body.push({
    type: 'TextBlock',
    text: dueLine(reminder, options.today),
    wrap: true,
    isSubtle: true,
    spacing: 'Small',
  });
  return withReminderKey(card(body, [openAction(options.link, reminder)]), reminder.key);
}

/** The weekly digest: numbers only, by what is to be done; the names are in SENCO Hub. */
export function digestCard(reminder: Reminder, options: { link: TabLinkOptions; today: CalendarDate }) {
  const digest = reminder.digest ?? { overdue: 0, dueThisWeek: 0, byKind: [] };
  const body: object[] = [
    {
      type: 'TextBlock',
      text: reminder.title,
      weight: 'Bolder',
      size: 'Medium',
      wrap: true,
      style: 'heading',
    },
    {
      type: 'TextBlock',
      text: `Week of ${formatCalendarDate(options.today)}`,
      isSubtle: true,
      spacing: 'None',
      wrap: true,
    },
    {
      type: 'FactSet',
      facts: [
        { title: 'Overdue', value: String(digest.overdue) },
        { title: 'Due in the next 7 days', value: String(digest.dueThisWeek) },
      ],
    },
  ];
  if (digest.byKind.length > 0) {
    body.push({
      type: 'FactSet',
      spacing: 'Medium',
      facts: digest.byKind.slice(0, 12).map((k) => ({ title: String(k.count), value: k.label })),
    });
  } else {
    body.push({ type: 'TextBlock', text: 'Nothing overdue or due this week.', wrap: true });
  }
  return card(body, [openAction(options.link, reminder)]);
}

/** The text Teams shows in notifications and the activity feed for a reminder post. */
export function reminderSummary(reminder: Reminder): string {
  if (!reminder.pupil) return reminder.title;
  return `${reminder.title}: ${firstNameAndInitial(reminder.pupil.firstName, reminder.pupil.lastName)}`;
}

/** The prefix of the id that says which reminder a card is (see withReminderKey). */
const KEY_PREFIX = 'senco-hub-reminder:';

/**
 * The card with the reminder's key as the id of its first element: an id is part of the card (Adaptive Cards
 * 1.5 allows one on every element), so it survives into the posted message, where Graph gives the card back as
 * the attachment's content. That is how the scheduler finds a post it made but could not record.
 */
export function withReminderKey<T extends { body: object[] }>(card: T, key: string): T {
  const [first, ...rest] = card.body;
  if (!first) return card;
  return { ...card, body: [{ ...first, id: `${KEY_PREFIX}${key}` }, ...rest] };
}

/** The reminder key a card carries, if it is a SENCO Hub reminder card. */
export function reminderKeyOfCard(card: unknown): string | undefined {
  const first = (card as { body?: unknown } | undefined)?.body;
  const id = Array.isArray(first) ? (first[0] as { id?: unknown } | undefined)?.id : undefined;
  return typeof id === 'string' && id.startsWith(KEY_PREFIX) ? id.slice(KEY_PREFIX.length) : undefined;
}
