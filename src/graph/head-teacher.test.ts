import { chooseHeadTeacher } from './head-teacher.ts';

const head = { userId: 'u-head', name: 'Lauren Ellis-Barker', email: 'l.ellis-barker@school.example' };
const executive = { userId: 'u-exec', name: 'Omar Shah', email: 'o.shah@trust.example' };
const deputy = { userId: 'u-deputy', name: 'Priya Nair', email: 'p.nair@school.example' };

describe('the head teacher invited to an annual review (reg 20(2)(b))', () => {
  it('takes the person titled head who also holds the Headteacher role', () => {
    expect(chooseHeadTeacher([executive, head], [deputy, head])).toEqual(head);
  });

  it('takes the directory’s head when no one titled head holds the role', () => {
    expect(chooseHeadTeacher([head], [deputy])).toEqual(head);
  });

  it('takes the one role holder when no job title names a head', () => {
    expect(chooseHeadTeacher([], [deputy])).toEqual(deputy);
    // The same person held directly and through a group is still one holder.
    expect(chooseHeadTeacher([], [deputy, deputy])).toEqual(deputy);
  });

  it('names nobody when several hold the role and no job title says which is head', () => {
    expect(chooseHeadTeacher([], [deputy, head])).toBeUndefined();
    expect(chooseHeadTeacher([], [])).toBeUndefined();
  });
});
