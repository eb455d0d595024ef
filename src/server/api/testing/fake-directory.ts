import type { RollPupil } from '../../../domain/roll.ts';
import type { ClassRoster, Directory, EducationPerson } from '../../../graph/directory.ts';

/**
 * An in-memory Education directory for the server's tests. The roll is `roll` when given, else every
 * class's pupils with no year group.
 */
export function createFakeDirectory(school: {
  people: Record<string, EducationPerson>;
  classes: ClassRoster[];
  roll?: RollPupil[];
  /** Accounts by user id, for the staff search; only those whose person is 'staff' are found. */
  accounts?: Record<string, { name: string; jobTitle?: string }>;
}): Directory & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    person: (userId) => {
      calls.push(`person ${userId}`);
      return Promise.resolve(school.people[userId] ?? 'other');
    },
    taughtClasses: (userId) => {
      calls.push(`taughtClasses ${userId}`);
      return Promise.resolve(
        school.classes
          .filter((c) => c.teacherIds.includes(userId))
          .map((c) => ({ id: c.id, displayName: c.displayName })),
      );
    },
    classRoster: (classId) => {
      calls.push(`classRoster ${classId}`);
      return Promise.resolve(school.classes.find((c) => c.id === classId));
    },
    searchStaff: (text) => {
      calls.push(`searchStaff ${text}`);
      const q = text.trim().toLowerCase();
      return Promise.resolve(
        Object.entries(school.accounts ?? {})
          .filter(([id, a]) => {
            const words = a.name.toLowerCase().split(/\s+/);
            return (
              q !== '' &&
              school.people[id] === 'staff' &&
              (a.name.toLowerCase().startsWith(q) || words.some((w) => w.startsWith(q)))
            );
          })
          .map(([userId, a]) => ({ userId, name: a.name, ...(a.jobTitle ? { jobTitle: a.jobTitle } : {}) }))
          .sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
      );
    },
    classes: () => Promise.resolve(school.classes.map((c) => ({ id: c.id, displayName: c.displayName }))),
    roll: () => {
      calls.push('roll');
      return Promise.resolve(
        school.roll ??
          [...new Set(school.classes.flatMap((c) => c.pupilUpns))].map((upn) => ({
            upn,
            yearGroup: undefined,
            classIds: school.classes.filter((c) => c.pupilUpns.includes(upn)).map((c) => c.id),
          })),
      );
    },
  };
}
