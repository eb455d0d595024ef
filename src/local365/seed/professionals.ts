/**
 * The external professionals around the school: local authority, NHS and social care staff with addresses
 * outside the school's tenant (reserved example.net / example.com domains). All fictional.
 */

import type { DemoProfessional, ProfessionalKind } from './demo-school.types.ts';
import { adultName, fictionalLandline, pickAdultCommunity } from './people.ts';
import type { SchoolContext } from './school-draft.ts';
import { asciiSlug } from './text.ts';

/** A neighbouring authority that maintains the plans of pupils who live over the border. */
export const NEIGHBOURING_LA = { name: 'Eastvale Borough Council', domain: 'eastvale.example.com' } as const;

/** 'Northshire County Council' → 'Northshire'. */
export function laShortName(laName: string): string {
  return laName.replace(/\s+(County|Borough|City|Metropolitan|District)?\s*Council$/i, '').trim();
}

/** The school's LA's mail domain, e.g. 'northshire.example.net'. */
export function laDomain(laName: string): string {
  return `${asciiSlug(laShortName(laName))}.example.net`;
}

type Service = {
  kind: ProfessionalKind;
  count: number;
  organisation: string;
  domain: string;
  doctorShare: number;
};

function services(laName: string): Service[] {
  const la = laShortName(laName);
  const slug = asciiSlug(la);
  const nhs = `${slug}nhs.example.net`;
  return [
    {
      kind: 'educational-psychologist',
      count: 2,
      organisation: `${la} Educational Psychology Service`,
      domain: laDomain(laName),
      doctorShare: 0.6,
    },
    {
      kind: 'speech-and-language-therapist',
      count: 2,
      organisation: `${la} NHS Foundation Trust, Children’s Speech and Language Therapy`,
      domain: nhs,
      doctorShare: 0,
    },
    {
      kind: 'camhs',
      count: 1,
      organisation: `${la} CAMHS, ${la} Partnership NHS Trust`,
      domain: `${slug}partnership.example.net`,
      doctorShare: 0.3,
    },
    {
      kind: 'social-worker',
      count: 2,
      organisation: `${la} Children’s Services`,
      domain: laDomain(laName),
      doctorShare: 0,
    },
    {
      kind: 'la-sen-officer',
      count: 2,
      organisation: `${la} SEND Assessment and Review Team`,
      domain: laDomain(laName),
      doctorShare: 0,
    },
    {
      kind: 'occupational-therapist',
      count: 1,
      organisation: `${la} NHS Foundation Trust, Children’s Occupational Therapy`,
      domain: nhs,
      doctorShare: 0,
    },
    {
      kind: 'school-nurse',
      count: 1,
      organisation: `${la} Healthy Child Programme (0–19 service)`,
      domain: `${slug}communityhealth.example.com`,
      doctorShare: 0,
    },
  ];
}

/** Professionals for one school: a couple of each kind, scaled up for benchmark schools. */
export function buildProfessionals(ctx: SchoolContext): DemoProfessional[] {
  const random = ctx.random.fork('professionals');
  const ids = ctx.ids.fork('professionals');
  const usedEmails = new Set<string>();
  const professionals: DemoProfessional[] = [];

  const add = (kind: ProfessionalKind, organisation: string, domain: string, doctorShare: number) => {
    const gender = random.chance(0.8) ? 'F' : 'M';
    const name = adultName(random, pickAdultCommunity(random), gender);
    let local = `${asciiSlug(name.givenName)}.${asciiSlug(name.surname)}`;
    for (let n = 2; usedEmails.has(`${local}@${domain}`); n++)
      local = `${asciiSlug(name.givenName)}.${asciiSlug(name.surname)}${n}`;
    usedEmails.add(`${local}@${domain}`);
    const title = random.chance(doctorShare) ? 'Dr ' : '';
    professionals.push({
      id: ids.guid(),
      name: `${title}${name.givenName} ${name.surname}`,
      kind,
      organisation,
      email: `${local}@${domain}`,
      phone: fictionalLandline(random),
    });
  };

  const scale = Math.max(1, ctx.plan.professionalScale);
  for (const service of services(ctx.plan.identity.laName)) {
    const count = Math.max(1, Math.round(service.count * scale));
    for (let i = 0; i < count; i++)
      add(service.kind, service.organisation, service.domain, service.doctorShare);
  }
  // The neighbouring LA's SEN officer coordinates plans for pupils who live in Eastvale.
  add('la-sen-officer', `${laShortName(NEIGHBOURING_LA.name)} SEND Team`, NEIGHBOURING_LA.domain, 0);
  return professionals;
}
