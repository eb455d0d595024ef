// @vitest-environment jsdom
import type { CalendarDate } from '../domain/calendar-date.ts';
import { cleanText, escapeMarkdown, firstNameAndInitial } from './card-text.ts';
import {
  MAX_REFRESH_USERS,
  noAccessView,
  passportView,
  SHOW_PASSPORT_VERB,
  sharedPassportCard,
  type AdaptiveCard,
  type PassportViewContent,
} from './passport-cards.ts';
import { searchResultPreview } from './search-preview.ts';
import { pupilIdFromLink, tabDeepLink, passportPage } from './tab-links.ts';
import {
  cardBytes,
  rendererWarnings,
  renderCard,
  schemaErrors,
  teamsLikeMarkdown,
  TEAMS_MESSAGE_LIMIT_BYTES,
} from './testing/card-checks.ts';

const link = {
  teamsAppId: '9b0e2c1d-1111-4a2b-8c3d-123456789abc',
  publicUrl: 'https://senco-hub.oakfield.example',
};
const HOSTILE = [
  '[click me](https://evil.example/steal)',
  '**shouting**',
  '<b>bold</b><script>alert(1)</script>',
  '_slanted_',
  'Sam\u202Egnp.exe',
  'Null\u0000byte\u0007bell',
];
const pupil = { pupilId: 'p-123', firstName: 'Samira', lastName: 'Okafor' };
const members = (n: number) =>
  Array.from({ length: n }, (_, i) => `8:orgid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);

function content(overrides: Partial<NonNullable<PassportViewContent['passport']>> = {}): PassportViewContent {
  return {
    displayName: 'Samira Okafor',
    yearGroupLabel: 'Year 4',
    classNames: ['4B'],
    passport: {
      aboutMe: 'I love drawing and football.',
      whatHelpsMe: ['Instructions one step at a time', 'A quiet corner'],
      strengths: ['Kind to others'],
      whatIFindHard: ['Loud rooms'],
      communication: 'Give me time to answer.',
      accessArrangements: ['Extra time (25%)'],
      reviewedOn: '2026-11-02' as CalendarDate,
      ...overrides,
    },
  };
}

function expectSound(card: AdaptiveCard) {
  expect(schemaErrors(card)).toEqual([]);
  expect(rendererWarnings(card)).toEqual([]);
  expect(cardBytes(card)).toBeLessThan(TEAMS_MESSAGE_LIMIT_BYTES);
}

describe('the shared passport card', () => {
  it('is a valid 1.5 card the renderer reads without a warning, in small and large conversations', () => {
    for (const n of [0, 3, MAX_REFRESH_USERS, MAX_REFRESH_USERS + 1]) {
      const card = sharedPassportCard(pupil, { memberIds: n === 0 ? undefined : members(n) }, link);
      expect(card.version).toBe('1.5');
      expectSound(card);
    }
  });

  it('says only first name, last initial and "Pupil passport", with the way into SENCO Hub', () => {
    const card = sharedPassportCard(pupil, { memberIds: members(3) }, link);
    const drawn = renderCard(card);
    expect(drawn.text).toContain('Pupil passport');
    expect(drawn.text).toContain('Samira O.');
    expect(drawn.text).not.toContain('Okafor');
    expect(drawn.buttons).toEqual(['Open in SENCO Hub']);
    const open = card.actions!.find((a) => (a as { type: string }).type === 'Action.OpenUrl') as {
      url: string;
    };
    const deep = new URL(open.url);
    const context = JSON.parse(deep.searchParams.get('context')!) as { subEntityId: string };
    expect(context.subEntityId).toBe('pupil/p-123/passport');
    expect(deep.pathname).toBe(`/l/entity/${link.teamsAppId}/home`);
  });

  it('asks each named member’s client for their own view, up to 60; beyond that everyone gets "Show passport"', () => {
    const small = sharedPassportCard(pupil, { memberIds: members(60) }, link);
    expect(small.refresh).toEqual({
      action: {
        type: 'Action.Execute',
        verb: SHOW_PASSPORT_VERB,
        title: 'Show passport',
        data: { pupilId: 'p-123' },
      },
      userIds: members(60),
    });
    expect(renderCard(small).buttons).not.toContain('Show passport');
    const large = sharedPassportCard(pupil, { memberIds: members(61) }, link);
    expect(large.refresh).not.toHaveProperty('userIds');
    expect(renderCard(large).buttons).toEqual(['Show passport', 'Open in SENCO Hub']);
    const unknown = sharedPassportCard(pupil, { memberIds: undefined }, link);
    expect(renderCard(unknown).buttons).toContain('Show passport');
  });

  it('shows hostile names literally: no links, no formatting, no reversed text', () => {
    for (const name of HOSTILE) {
      const card = sharedPassportCard(
        { pupilId: 'p', firstName: name, lastName: name },
        { memberIds: undefined },
        link,
      );
      expectSound(card);
      const drawn = renderCard(card);
      expect(drawn.links).toEqual([]);
      expect(drawn.html).not.toMatch(/<(strong|em|b|script)\b/);
      // eslint-disable-next-line no-control-regex -- looking for control characters
      expect(drawn.text).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u0000-\u0008]/);
    }
    const drawn = renderCard(
      sharedPassportCard(
        { ...pupil, firstName: '[click me](https://evil.example)' },
        { memberIds: undefined },
        link,
      ),
    );
    expect(drawn.text).toContain('[click me](https://evil.example)');
  });
});

describe('the user-specific views', () => {
  it('the passport view shows the sections class staff see, and keeps the refresh so it stays personal', () => {
    const card = passportView(pupil, content(), { memberIds: members(2) }, link);
    expectSound(card);
    const drawn = renderCard(card);
    for (const text of [
      'About me',
      'I love drawing',
      'What helps me',
      'A quiet corner',
      'What I find hard',
      'Loud rooms',
      'Communication',
      'Give me time',
      'Access arrangements',
      'Extra time (25%)',
      'Year 4 · 4B',
      'Reviewed 2 November 2026',
    ]) {
      expect(drawn.text).toContain(text);
    }
    expect(card.refresh?.userIds).toEqual(members(2));
  });

  it('the largest passport stays well under 28 KB: long lists end with how many more are in the tab', () => {
    const long = 'x'.repeat(2000);
    const many = Array.from({ length: 40 }, () => 'y'.repeat(500));
    const card = passportView(
      pupil,
      content({
        aboutMe: long,
        communication: long,
        whatHelpsMe: many,
        strengths: many,
        whatIFindHard: many,
        accessArrangements: many,
      }),
      { memberIds: members(60) },
      link,
    );
    expectSound(card);
    expect(cardBytes(card)).toBeLessThan(24 * 1024);
    expect(renderCard(card).text).toContain('And 32 more in SENCO Hub.');
  });

  it('passport text cannot format, link or reorder itself', () => {
    const card = passportView(
      { pupilId: 'p', firstName: HOSTILE[0]!, lastName: HOSTILE[1]! },
      {
        ...content({ aboutMe: HOSTILE.join(' '), whatHelpsMe: HOSTILE, communication: HOSTILE[2]! }),
        displayName: HOSTILE.join(' '),
        classNames: [HOSTILE[0]!],
      },
      { memberIds: undefined },
      link,
    );
    expectSound(card);
    const drawn = renderCard(card);
    expect(drawn.links).toEqual([]);
    expect(drawn.html).not.toMatch(/<(strong|em|b|script)\b/);
    expect(drawn.text).toContain('**shouting**');
    expect(drawn.text).not.toContain('\u202E');
  });

  it('a pupil without a passport says so', () => {
    const card = passportView(pupil, { ...content(), passport: undefined }, { memberIds: undefined }, link);
    expectSound(card);
    expect(renderCard(card).text).toContain('This pupil has no passport yet.');
  });

  it('the no-access view says nothing the shared card does not', () => {
    const card = noAccessView(pupil, { memberIds: members(5) });
    expectSound(card);
    const drawn = renderCard(card);
    expect(drawn.text).toBe('Pupil passportSamira O.You don’t have access to this passport.');
    expect(card.refresh?.userIds).toEqual(members(5));
  });
});

describe('the search result preview', () => {
  it('shows name, year and class only, and taps back with the pupil id', () => {
    const preview = searchResultPreview({
      pupilId: 'p-1',
      displayName: 'Sam\u202E Smith',
      yearGroupLabel: 'Year 4',
      classNames: ['4B', '4 Maths'],
    });
    expect(preview).toEqual({
      contentType: 'application/vnd.microsoft.card.thumbnail',
      content: {
        title: 'Sam Smith',
        subtitle: 'Year 4 · 4B, 4 Maths',
        tap: { type: 'invoke', value: { pupilId: 'p-1' } },
      },
    });
  });
});

describe('people’s text', () => {
  it('loses bidi overrides, invisible and control characters; keeps line breaks only where asked', () => {
    expect(cleanText('a\u202Eb\u2066c\u200Bd\u0000e\r\nf')).toBe('abcd e f');
    expect(cleanText('one\r\ntwo', { multiline: true })).toBe('one\ntwo');
    expect(cleanText('abcdef', { maxLength: 4 })).toBe('abc…');
  });

  it('escaped for markdown, it shows as typed where markdown is read', () => {
    for (const text of ['[x](https://evil.example)', '**x**', '_x_', '<b>x</b>', '1. x', '- x']) {
      const html = teamsLikeMarkdown(escapeMarkdown(text));
      expect(html).not.toMatch(/<(a|strong|em|b)\b/);
      expect(html.replace(/&lt;/g, '<').replace(/&amp;/g, '&')).toBe(text);
    }
    expect(teamsLikeMarkdown('**x** [y](https://z.example)')).toBe(
      '<strong>x</strong> <a href="https://z.example">y</a>',
    );
  });

  it('first name and the initial of the last name, whatever the last name starts with', () => {
    expect(firstNameAndInitial('Samira', 'okafor')).toBe('Samira O.');
    expect(firstNameAndInitial('Jo', "'t Hooft")).toBe('Jo T.');
    expect(firstNameAndInitial('Jo', '')).toBe('Jo');
  });
});

describe('links into the tab', () => {
  it('a pupil link is recognised from the tab’s address or a Teams deep link to our app, nothing else', () => {
    const deep = tabDeepLink(link, passportPage('p 1'), 'Pupil passport');
    expect(pupilIdFromLink(deep, link)).toBe('p 1');
    expect(pupilIdFromLink('https://senco-hub.oakfield.example/?page=pupil/p-2', link)).toBe('p-2');
    expect(pupilIdFromLink('https://senco-hub.oakfield.example/?page=pupil/p-2/passport&user=x', link)).toBe(
      'p-2',
    );
    expect(pupilIdFromLink('https://elsewhere.example/?page=pupil/p-2', link)).toBeUndefined();
    expect(pupilIdFromLink('https://senco-hub.oakfield.example/?page=register', link)).toBeUndefined();
    expect(pupilIdFromLink(deep.replace(link.teamsAppId, 'other-app'), link)).toBeUndefined();
    expect(pupilIdFromLink('not a url', link)).toBeUndefined();
  });
});
