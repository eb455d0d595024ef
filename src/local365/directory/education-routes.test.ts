import { registerDirectoryRoutes } from './directory-routes.ts';
import { loadDirectory } from './load-directory.ts';
import {
  appCaller,
  buildTestSchool,
  createTestContext,
  graphCall,
  ids,
  staffMember,
  userCaller,
} from './test-support.ts';

function setup() {
  const { ctx } = createTestContext();
  const school = buildTestSchool();
  registerDirectoryRoutes(ctx);
  loadDirectory(ctx, school);
  return { ctx, school };
}

type EduUser = {
  id: string;
  primaryRole: string;
  student: Record<string, unknown> | null;
  teacher: Record<string, unknown> | null;
};

describe('Education classes', () => {
  it('serves the class team’s group id as the educationClass id, with its SDS facts', async () => {
    const { ctx } = setup();
    const res = await graphCall(ctx, appCaller(), 'GET', `/education/classes/${ids.willow}`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      id: ids.willow,
      displayName: 'Year 4 Willow',
      mailNickname: 'Section_Y4Willow',
      externalId: 'MIS-4W',
      grade: 'Year 4',
      term: { displayName: '2026/27', startDate: '2026-09-01', endDate: '2027-07-31' },
    });
  });

  it('answers 404 for a group that is not a class (the staff team)', async () => {
    const { ctx } = setup();
    expect((await graphCall(ctx, appCaller(), 'GET', `/education/classes/${ids.staffTeam}`)).status).toBe(
      404,
    );
  });

  it('lists teachers, the TA and pupils as members; pupils carry DfE UPN and birth date', async () => {
    const { ctx, school } = setup();
    const res = await graphCall(ctx, appCaller(), 'GET', `/education/classes/${ids.willow}/members`);
    const members = res.json.value as EduUser[];
    expect(members.map((m) => m.id)).toEqual([
      ids.willowTeacher,
      ids.willowTa,
      ids.pupil(1),
      ids.pupil(2),
      ids.pupil(3),
    ]);
    const ava = members.find((m) => m.id === ids.pupil(1));
    const avaData = school.pupils[0]!;
    expect(ava).toMatchObject({
      primaryRole: 'student',
      student: {
        birthDate: '2017-03-14',
        studentNumber: avaData.dfeUpn,
        externalId: avaData.dfeUpn,
        grade: 'Year 4',
        gender: 'female',
      },
      teacher: null,
    });
    expect(members.find((m) => m.id === ids.willowTeacher)).toMatchObject({
      primaryRole: 'teacher',
      teacher: { teacherNumber: 'SPA' },
    });
  });

  it('lists only the class teachers in /teachers: the TA is a member, not a teacher', async () => {
    const { ctx } = setup();
    const res = await graphCall(ctx, appCaller(), 'GET', `/education/classes/${ids.willow}/teachers`);
    expect((res.json.value as EduUser[]).map((t) => t.id)).toEqual([ids.willowTeacher]);
  });

  it('needs EduRoster.Read.All and Member.Read.Hidden for app-only member reads', async () => {
    const { ctx } = setup();
    const withoutHidden = await graphCall(
      ctx,
      appCaller(['EduRoster.Read.All']),
      'GET',
      `/education/classes/${ids.willow}/members`,
    );
    expect(withoutHidden.status).toBe(403);
    const basicOnly = await graphCall(
      ctx,
      appCaller(['EduRoster.ReadBasic.All', 'Member.Read.Hidden']),
      'GET',
      `/education/classes/${ids.willow}/members`,
    );
    expect(basicOnly.status).toBe(403);
  });

  it('shows members to a signed-in member of the class, not to staff outside it', async () => {
    const { ctx, school } = setup();
    const teacher = userCaller(staffMember(school, ids.willowTeacher));
    expect((await graphCall(ctx, teacher, 'GET', `/education/classes/${ids.willow}/members`)).status).toBe(
      200,
    );
    const other = userCaller(staffMember(school, ids.oakTeacher));
    expect((await graphCall(ctx, other, 'GET', `/education/classes/${ids.willow}/members`)).status).toBe(403);
  });
});

describe('Education users', () => {
  it('lists the signed-in teacher’s classes and taught classes', async () => {
    const { ctx, school } = setup();
    const ta = userCaller(staffMember(school, ids.willowTa));
    const classes = await graphCall(ctx, ta, 'GET', '/education/me/classes');
    expect((classes.json.value as { id: string }[]).map((c) => c.id)).toEqual([ids.willow]);
    const taught = await graphCall(ctx, ta, 'GET', '/education/me/taughtClasses');
    expect(taught.json.value).toEqual([]);
  });

  it('reads any educationUser and their classes app-only', async () => {
    const { ctx } = setup();
    const user = await graphCall(ctx, appCaller(), 'GET', `/education/users/${ids.pupil(4)}`);
    expect(user.json).toMatchObject({
      primaryRole: 'student',
      displayName: 'Noah Evans',
      student: { grade: 'Year 5', gender: 'male' },
    });
    const classes = await graphCall(
      ctx,
      appCaller(),
      'GET',
      `/education/users/${ids.pupil(4)}/classes?$select=id,displayName`,
    );
    expect(classes.json.value).toEqual([{ id: ids.oak, displayName: 'Year 5 Oak' }]);
  });

  it('refuses /education/me for an app-only token', async () => {
    const { ctx } = setup();
    expect((await graphCall(ctx, appCaller(), 'GET', '/education/me/classes')).status).toBe(400);
  });
});
