import { formatCalendarDate } from '../domain/calendar-date.ts';
import { yearAndClassesPhrase } from '../domain/year-group.ts';
import { cleanText, firstNameAndInitial, plainParagraph, plainRun } from './card-text.ts';
import { passportPage, tabDeepLink, type TabLinkOptions } from './tab-links.ts';
import type { CalendarDate } from '../domain/calendar-date.ts';

/**
 * The pupil passport card shared in a chat, and the views each person gets in its place.
 *
 * A chat can hold people who must never see SEND data (pupils, guests, parents, office staff), so the card
 * everyone receives says only who it is about (first name and last initial), that it is a pupil passport and
 * where to open it. The passport itself is a user-specific view (Universal Actions): the card's `refresh`
 * names up to 60 members, whose Teams clients ask the bot for their own view; in larger chats, and for anyone
 * not named, "Show passport" asks the same. The bot answers each person after checking their rights, and its
 * answer replaces the card for that person only:
 * https://learn.microsoft.com/en-us/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/user-specific-views
 * https://learn.microsoft.com/en-us/microsoftteams/platform/messaging-extensions/how-to/search-commands/universal-actions-for-search-based-message-extensions
 */

export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
/** Teams renders Adaptive Cards up to 1.5; Universal Actions need 1.4 or later. */
export const CARD_VERSION = '1.5';
/** The verb of the refresh and of "Show passport": the bot answers it with the asker's own view. */
export const SHOW_PASSPORT_VERB = 'passport.show';
/** Teams refreshes automatically for at most 60 named users. */
export const MAX_REFRESH_USERS = 60;

export type AdaptiveCard = {
  type: 'AdaptiveCard';
  version: typeof CARD_VERSION;
  $schema: typeof CARD_SCHEMA;
  body: object[];
  actions?: object[];
  refresh?: { action: object; userIds?: string[] };
  fallbackText?: string;
};

/** Whose passport a card is about, as the chat may know them. */
export type SharedPupil = { pupilId: string; firstName: string; lastName: string };

export type Audience = {
  /**
   * Conversation members as `8:orgid:<object id>`, when known; undefined when they cannot be read or are more
   * than Teams refreshes for (more than 60 is treated the same).
   */
  memberIds: readonly string[] | undefined;
};

/** What Action.Execute sends back to the bot; nothing about the pupil but the id. */
export type ShowPassportData = { pupilId: string };

function showPassportAction(pupilId: string) {
  const data: ShowPassportData = { pupilId };
  return { type: 'Action.Execute', verb: SHOW_PASSPORT_VERB, title: 'Show passport', data };
}

/** The refresh: named members' clients ask for their own view when they show the card. */
function refreshFor(pupilId: string, audience: Audience): AdaptiveCard['refresh'] | undefined {
  const members = audience.memberIds;
  if (!members || members.length === 0 || members.length > MAX_REFRESH_USERS) {
    return { action: showPassportAction(pupilId) };
  }
  return { action: showPassportAction(pupilId), userIds: [...members] };
}

/** Everyone not named in the refresh needs the button to ask for their own view. */
function needsShowButton(audience: Audience): boolean {
  const members = audience.memberIds;
  return !members || members.length === 0 || members.length > MAX_REFRESH_USERS;
}

function heading(text: string) {
  return { type: 'TextBlock', text, weight: 'Bolder', size: 'Medium', wrap: true };
}

function openAction(pupilId: string, link: TabLinkOptions) {
  return {
    type: 'Action.OpenUrl',
    title: 'Open in SENCO Hub',
    url: tabDeepLink(link, passportPage(pupilId), 'Pupil passport'),
  };
}

function shell(
  body: object[],
  actions: object[],
  refresh: AdaptiveCard['refresh'],
  fallbackText: string,
): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: CARD_SCHEMA,
    version: CARD_VERSION,
    body,
    actions,
    ...(refresh ? { refresh } : {}),
    fallbackText,
  };
}

/**
 * The card as posted in the chat, identical for everyone in it: first name and last initial, "Pupil passport",
 * "Open in SENCO Hub". No need, diagnosis, strategies, UPN or date of birth, by construction: it is given none.
 */
export function sharedPassportCard(
  pupil: SharedPupil,
  audience: Audience,
  link: TabLinkOptions,
): AdaptiveCard {
  const name = firstNameAndInitial(pupil.firstName, pupil.lastName);
  const actions: object[] = [];
  if (needsShowButton(audience)) actions.push(showPassportAction(pupil.pupilId));
  actions.push(openAction(pupil.pupilId, link));
  return shell(
    [
      heading('Pupil passport'),
      plainParagraph(name, { weight: 'Bolder', spacing: 'Small' }),
      {
        type: 'TextBlock',
        text: 'Staff who work with this pupil see their passport here. Everyone else sees only this card.',
        isSubtle: true,
        wrap: true,
        size: 'Small',
      },
    ],
    actions,
    refreshFor(pupil.pupilId, audience),
    `Pupil passport: ${name}`,
  );
}

/** What a person allowed to read the passport sees, as the API shows it to class staff. */
export type PassportViewContent = {
  displayName: string;
  yearGroupLabel: string | undefined;
  classNames: readonly string[];
  passport:
    | {
        aboutMe: string;
        whatHelpsMe: readonly string[];
        strengths: readonly string[];
        whatIFindHard: readonly string[];
        communication: string | null;
        accessArrangements: readonly string[];
        reviewedOn: CalendarDate;
      }
    | undefined;
};

/** Limits that keep the largest passport well under Teams' 28 KB: the rest is one click away in the tab. */
const LIMITS = { text: 1000, items: 8, item: 300 } as const;

function section(title: string, lines: readonly string[], more: number): object[] {
  if (lines.length === 0) return [];
  const inlines = lines.flatMap((line, i) => [plainRun(`${i === 0 ? '' : '\n'}• ${line}`)]);
  const blocks: object[] = [
    { type: 'TextBlock', text: title, weight: 'Bolder', wrap: true, spacing: 'Medium' },
    { type: 'RichTextBlock', inlines, spacing: 'Small' },
  ];
  if (more > 0) {
    blocks.push({
      type: 'TextBlock',
      text: `And ${more} more in SENCO Hub.`,
      isSubtle: true,
      size: 'Small',
      wrap: true,
      spacing: 'None',
    });
  }
  return blocks;
}

function listSection(title: string, items: readonly string[]): object[] {
  const cleaned = items.map((i) => cleanText(i, { maxLength: LIMITS.item })).filter((i) => i !== '');
  return section(title, cleaned.slice(0, LIMITS.items), Math.max(0, cleaned.length - LIMITS.items));
}

function textSection(title: string, text: string | null): object[] {
  const cleaned = text ? cleanText(text, { multiline: true, maxLength: LIMITS.text }) : '';
  if (cleaned === '') return [];
  return [
    { type: 'TextBlock', text: title, weight: 'Bolder', wrap: true, spacing: 'Medium' },
    { ...plainParagraph(cleaned), spacing: 'Small' },
  ];
}

/** The passport, for the one person who asked and may read it. Keeps the refresh, so it stays theirs. */
export function passportView(
  pupil: SharedPupil,
  content: PassportViewContent,
  audience: Audience,
  link: TabLinkOptions,
): AdaptiveCard {
  const classNames = content.classNames.map((c) => cleanText(c, { maxLength: 60 })).filter((c) => c !== '');
  const facts = content.yearGroupLabel
    ? yearAndClassesPhrase(content.yearGroupLabel, classNames)
    : classNames.join(', ');
  const p = content.passport;
  const body: object[] = [
    heading('Pupil passport'),
    plainParagraph(cleanText(content.displayName, { maxLength: 80 }), { weight: 'Bolder', spacing: 'Small' }),
  ];
  if (facts) body.push(plainParagraph(facts, { isSubtle: true, spacing: 'None' }));
  if (p) {
    body.push(
      ...textSection('About me', p.aboutMe),
      ...listSection('What helps me', p.whatHelpsMe),
      ...listSection('My strengths', p.strengths),
      ...listSection('What I find hard', p.whatIFindHard),
      ...textSection('Communication', p.communication),
      ...listSection('Access arrangements', p.accessArrangements),
      {
        type: 'TextBlock',
        text: `Reviewed ${formatCalendarDate(p.reviewedOn)}. Only you see this view.`,
        isSubtle: true,
        size: 'Small',
        wrap: true,
        spacing: 'Medium',
      },
    );
  } else {
    body.push({ type: 'TextBlock', text: 'This pupil has no passport yet.', wrap: true });
  }
  return shell(
    body,
    [openAction(pupil.pupilId, link)],
    refreshFor(pupil.pupilId, audience),
    'Pupil passport',
  );
}

/**
 * For everyone who may not read the passport: nothing more than the shared card already says. Without a pupil
 * (none by that id) it names no one. With no pupil there is nothing to refresh.
 */
export function noAccessView(pupil: SharedPupil | undefined, audience: Audience): AdaptiveCard {
  const body: object[] = [heading('Pupil passport')];
  if (pupil) {
    body.push(
      plainParagraph(firstNameAndInitial(pupil.firstName, pupil.lastName), {
        weight: 'Bolder',
        spacing: 'Small',
      }),
    );
  }
  body.push({ type: 'TextBlock', text: 'You don’t have access to this passport.', wrap: true });
  return shell(
    body,
    [],
    pupil ? refreshFor(pupil.pupilId, audience) : undefined,
    'You don’t have access to this passport.',
  );
}
