/** Made-up people: names from the community lists, fictional phone numbers and personal addresses. */

import type { DemoPupil } from './demo-school.types.ts';
import { ADULT_COMMUNITY_WEIGHTS, COMMUNITIES, type Community, type Surname } from './names.ts';
import type { SeededRandom } from './random.ts';
import { asciiSlug } from './text.ts';

const COMMUNITY_BY_KEY = new Map(COMMUNITIES.map((community) => [community.key, community]));

export type Gender = 'F' | 'M';

export function pickCommunity(random: SeededRandom): Community {
  return random.pickWeighted(COMMUNITIES, (community) => community.weight);
}

/** Staff and professionals: the adult workforce mix rather than the pupil roll. */
export function pickAdultCommunity(random: SeededRandom): Community {
  const key = random.weighted(Object.entries(ADULT_COMMUNITY_WEIGHTS));
  return COMMUNITY_BY_KEY.get(key) ?? (COMMUNITIES[0] as Community);
}

/** The form of a surname for a boy, a girl or a married woman (Kowalski / Kowalska; Kazlauskienė). */
export function surnameForm(surname: Surname, form: 'male' | 'female' | 'married'): string {
  if (typeof surname === 'string') return surname;
  if (form === 'male') return surname[0];
  if (form === 'married') return surname[2] ?? surname[1];
  return surname[1];
}

/** A child's given name; about one in twelve comes from another community (mixed-heritage families). */
export function pickChildGivenName(random: SeededRandom, community: Community, gender: Gender): string {
  const source = random.chance(0.08) ? pickCommunity(random) : community;
  return random.pick(gender === 'F' ? source.girls : source.boys);
}

export function pickAdultGivenName(random: SeededRandom, community: Community, gender: Gender): string {
  return random.pick(gender === 'F' ? community.women : community.men);
}

/** An adult's full name in one community. */
export function adultName(
  random: SeededRandom,
  community: Community,
  gender: Gender,
): { givenName: string; surname: string } {
  const surname = surnameForm(
    random.pick(community.surnames),
    gender === 'M' ? 'male' : random.chance(0.5) ? 'married' : 'female',
  );
  return { givenName: pickAdultGivenName(random, community, gender), surname };
}

/** Ofcom's drama range: 07700 900000–900999 never connects to a real phone. */
export function fictionalMobile(random: SeededRandom): string {
  return `07700 900${String(random.int(0, 999)).padStart(3, '0')}`;
}

/** Ofcom's drama range for the fictional 01632 area code. */
export function fictionalLandline(random: SeededRandom): string {
  return `01632 960${String(random.int(0, 999)).padStart(3, '0')}`;
}

const PERSONAL_MAIL_DOMAINS = [
  'mail.example.com',
  'inbox.example.com',
  'post.example.net',
  'homemail.example.com',
];

/** A parent's personal address outside the school tenant. */
export function personalEmail(random: SeededRandom, givenName: string, surname: string): string {
  const local = `${asciiSlug(givenName)}${random.pick(['.', '', '_'])}${asciiSlug(surname)}`;
  const suffix = random.chance(0.5) ? String(random.int(1, 99)) : '';
  return `${local}${suffix}@${random.pick(PERSONAL_MAIL_DOMAINS)}`;
}

type Contact = DemoPupil['contacts'][number];

function contact(
  random: SeededRandom,
  name: { givenName: string; surname: string },
  relationship: string,
  hasParentalResponsibility: boolean,
  withEmail = random.chance(0.88),
): Contact {
  return {
    name: `${name.givenName} ${name.surname}`,
    relationship,
    ...(withEmail ? { email: personalEmail(random, name.givenName, name.surname) } : {}),
    phone: fictionalMobile(random),
    hasParentalResponsibility,
  };
}

/**
 * A family's contacts in MIS priority order. Mostly two parents with parental responsibility; also single
 * parents with a grandparent as emergency contact, step-parents (no parental responsibility), separated
 * parents and two-mum families. Special guardianship (a grandparent holding parental responsibility) is
 * flagged so the pupil can be counted for pupil premium plus.
 */
export function familyContacts(
  random: SeededRandom,
  community: Community,
  surname: Surname,
): { contacts: Contact[]; specialGuardianship: boolean } {
  const mother = {
    givenName: pickAdultGivenName(random, community, 'F'),
    surname: random.chance(0.75)
      ? surnameForm(surname, 'married')
      : surnameForm(random.pick(community.surnames), 'female'),
  };
  const father = {
    givenName: pickAdultGivenName(random, community, 'M'),
    surname: surnameForm(surname, 'male'),
  };
  const grandparent = (gender: Gender) => ({
    givenName: pickAdultGivenName(random, community, gender),
    surname: gender === 'F' ? mother.surname : father.surname,
  });
  const shape = random.weighted<string>([
    ['two-parents', 60],
    ['single-mother', 20],
    ['single-father', 4],
    ['separated-with-step-parent', 8],
    ['two-mothers', 2],
    ['grandparent-carers', 2],
    ['mother-and-aunt', 4],
  ]);
  switch (shape) {
    case 'two-parents':
      return {
        contacts: [contact(random, mother, 'Mother', true), contact(random, father, 'Father', true)],
        specialGuardianship: false,
      };
    case 'single-mother':
      return {
        contacts: [
          contact(random, mother, 'Mother', true),
          contact(random, grandparent('F'), 'Grandmother', false, false),
        ],
        specialGuardianship: false,
      };
    case 'single-father':
      return {
        contacts: [
          contact(random, father, 'Father', true),
          contact(random, grandparent('F'), 'Grandmother', false, false),
        ],
        specialGuardianship: false,
      };
    case 'separated-with-step-parent': {
      const step = adultName(random, random.chance(0.7) ? community : pickCommunity(random), 'M');
      return {
        contacts: [
          contact(random, mother, 'Mother', true),
          contact(random, step, 'Stepfather', false, false),
          contact(random, father, 'Father (lives separately)', true),
        ],
        specialGuardianship: false,
      };
    }
    case 'two-mothers': {
      const partner = { givenName: pickAdultGivenName(random, community, 'F'), surname: mother.surname };
      return {
        contacts: [contact(random, mother, 'Mother', true), contact(random, partner, 'Mother', true)],
        specialGuardianship: false,
      };
    }
    case 'grandparent-carers':
      return {
        contacts: [
          contact(random, grandparent('F'), 'Grandmother (special guardian)', true),
          contact(random, grandparent('M'), 'Grandfather', false, false),
        ],
        specialGuardianship: true,
      };
    default: {
      const aunt = {
        givenName: pickAdultGivenName(random, community, 'F'),
        surname: surnameForm(random.pick(community.surnames), 'married'),
      };
      return {
        contacts: [contact(random, mother, 'Mother', true), contact(random, aunt, 'Aunt', false, false)],
        specialGuardianship: false,
      };
    }
  }
}
