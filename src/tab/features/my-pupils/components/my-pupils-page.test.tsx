// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import type { PupilSummary } from '../../../../domain/pupil-views.ts';
import { buildTeacher } from '../../../testing/builders.ts';
import { renderInTab } from '../../../testing/render.tsx';
import { MyPupilsPage } from './my-pupils-page.tsx';

const pupil = (id: string, displayName: string, classId: string, className: string): PupilSummary => ({
  id,
  displayName,
  yearGroup: className.startsWith('Year 6') ? 'Y6' : 'Y2',
  classes: [{ id: classId, displayName: className }],
  senStatus: 'K',
  senStatusLabel: 'SEN support',
  primaryAreaOfNeed: 'social-emotional-and-mental-health',
});

const rowan = { id: 'class-rowan', displayName: 'Year 6 Rowan', role: 'member' };
const ava = pupil('p-ava', 'Ava Reed', 'class-rowan', 'Year 6 Rowan');
const leo = pupil('p-leo', 'Leo Hart', 'class-hazel', 'Year 2 Hazel');

const sectionNamed = (name: string) => screen.getByRole('region', { name });
const namesIn = (section: HTMLElement) =>
  within(section)
    .getAllByRole('link')
    .map((link) => link.textContent);

it('a teaching assistant sees the pupils of their class apart from those they support in an intervention elsewhere', () => {
  renderInTab(<MyPupilsPage />, {
    route: { name: 'my-pupils' },
    me: buildTeacher({ classes: [rowan], pupils: [ava, leo] }),
  });

  expect(namesIn(sectionNamed('Pupils with SEND in your classes'))).toEqual(['Ava Reed']);
  const others = sectionNamed('Other pupils you support');
  expect(namesIn(others)).toEqual(['Leo Hart']);
  expect(others.textContent).toContain('In an intervention you run, or assigned to you by the SENCO.');
  expect(others.textContent).toContain('Year 2 Hazel · Social, emotional and mental health');
  expect(namesIn(sectionNamed('My classes'))).toEqual(['Year 6 Rowan']);
});

it('someone with no class of their own sees the pupils they support under one heading', () => {
  renderInTab(<MyPupilsPage />, { route: { name: 'my-pupils' }, me: buildTeacher({ classes: [], pupils: [leo] }) });

  expect(screen.queryByRole('region', { name: 'My classes' })).toBeNull();
  expect(screen.queryByRole('region', { name: 'Pupils with SEND in your classes' })).toBeNull();
  expect(namesIn(sectionNamed('Pupils with SEND you support'))).toEqual(['Leo Hart']);
});

it('with nobody to show, says why and whom to ask', () => {
  renderInTab(<MyPupilsPage />, { route: { name: 'my-pupils' }, me: buildTeacher({ classes: [rowan], pupils: [] }) });

  const section = sectionNamed('Pupils with SEND');
  expect(section.textContent).toContain('No pupils with SEND to show');
  expect(section.textContent).toContain('If that should include someone, ask the SENCO.');
});
