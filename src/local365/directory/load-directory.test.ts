import { TeamsStore } from '../teams/teams-store.ts';
import { DirectoryStore } from './directory-store.ts';
import { academicYearTerm, loadDirectory, normaliseWorkingHours } from './load-directory.ts';
import { SEND_CHANNEL_ID, buildTestSchool, createTestContext, ids } from './test-support.ts';

describe('loadDirectory', () => {
  it('loads staff, pupils, class teams and the staff team with its channels', () => {
    const { ctx } = createTestContext();
    const counts = loadDirectory(ctx, buildTestSchool());
    expect(counts).toEqual({ users: 10, groups: 3, channels: 4 });
    const store = new DirectoryStore(ctx.db);
    expect(store.listOwners(ids.willow).map((u) => u.id)).toEqual([ids.willowTeacher]);
    expect(store.listMembers(ids.staffTeam)).toHaveLength(5);
    expect(store.listOwners(ids.staffTeam).map((u) => u.id)).toEqual([ids.head, ids.senco]);
    const channels = new TeamsStore(ctx.db).listChannels(ids.staffTeam).map((c) => c.displayName);
    expect(channels).toEqual(['General', 'SEND']);
    expect(new TeamsStore(ctx.db).findChannel(ids.staffTeam, SEND_CHANNEL_ID)?.description).toBe(
      'SEND reminders and updates',
    );
  });

  it('is idempotent: loading twice leaves the same directory', () => {
    const { ctx } = createTestContext();
    const school = buildTestSchool();
    loadDirectory(ctx, school);
    const store = new DirectoryStore(ctx.db);
    const before = {
      users: store.listUsers(),
      groups: store.listGroups(),
      members: store.listMembers(ids.willow),
    };
    loadDirectory(ctx, school);
    expect({
      users: store.listUsers(),
      groups: store.listGroups(),
      members: store.listMembers(ids.willow),
    }).toEqual(before);
    expect(new TeamsStore(ctx.db).listChannels(ids.staffTeam)).toHaveLength(2);
  });

  it('reflects a changed roster on reload (a TA leaves the class)', () => {
    const { ctx } = createTestContext();
    const school = buildTestSchool();
    loadDirectory(ctx, school);
    const changed = { ...school, classes: school.classes.map((c) => ({ ...c, teachingAssistantIds: [] })) };
    loadDirectory(ctx, changed);
    expect(new DirectoryStore(ctx.db).isMember(ids.willow, ids.willowTa)).toBe(false);
  });
});

describe('academicYearTerm', () => {
  it('starts a new academic year on 1 September', () => {
    expect(academicYearTerm('2026-08-31').displayName).toBe('2025/26');
    expect(academicYearTerm('2026-09-01').displayName).toBe('2026/27');
  });
});

describe('normaliseWorkingHours', () => {
  it('lower-cases day names and pads times', () => {
    expect(normaliseWorkingHours({ daysOfWeek: ['Monday'], startTime: '8:30', endTime: '15:00' })).toEqual({
      daysOfWeek: ['monday'],
      startTime: '08:30:00',
      endTime: '15:00:00',
      timeZone: 'Europe/London',
    });
  });
});
