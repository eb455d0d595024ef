import type { ClassRef, RollPupil } from '../domain/roll.ts';
import { yearGroupFromNumber, type YearGroup } from '../domain/year-group.ts';
import type { GraphConnection } from './graph-client.ts';
import { GraphRequestError } from './graph-request-error.ts';
import { runBatch } from './batch.ts';
import { getAllPages, graphGet, type GraphPage } from './graph-requests.ts';

/**
 * Who teaches whom, from the Education API (School Data Sync's roster), read app-only through the one Graph
 * connection. Permissions (https://learn.microsoft.com/en-us/graph/permissions-reference): EduRoster.Read.All, plus Member.Read.Hidden because class groups
 * hide their membership. The tab's team context is never used for this: it is not proof of anything.
 *
 * Class teachers are the class team's owners and are listed by `/teachers`; teaching assistants are members
 * but not teachers. Pupils are matched to SEND records by DfE UPN (`student.studentNumber`), not by their
 * Entra id, because the records come from the MIS and the accounts from SDS.
 *
 * Answers are cached for a few minutes so a request does not cost Graph calls; a roster change (a new
 * teacher, a pupil moving class) shows within the TTL. Answers in use are refreshed in the background before
 * they expire (see ttlCache).
 */

export type ClassRoster = ClassRef & {
  teacherIds: readonly string[];
  /** Everyone in the class team: teachers, teaching assistants and pupils. */
  memberIds: readonly string[];
  /** DfE UPNs of the class's pupils, upper case. */
  pupilUpns: readonly string[];
};

/** 'staff' covers every adult: School Data Sync gives all staff the Education role 'teacher'. */
export type EducationPerson = 'staff' | 'pupil' | 'other';

export type Directory = {
  /** What kind of Education user this is; 'other' for guests and accounts outside Education. */
  person(userId: string): Promise<EducationPerson>;
  /** Classes whose teacher (team owner) the user is. */
  taughtClasses(userId: string): Promise<readonly ClassRef[]>;
  /** The class's roster, or undefined when there is no such class. */
  classRoster(classId: string): Promise<ClassRoster | undefined>;
  /** Every class, for names. */
  classes(): Promise<readonly ClassRef[]>;
  /**
   * Every pupil on roll: the pupils of every class, once each. A pupil in no class is not on it (School
   * Data Sync rosters every pupil into at least their registration class). The year group is the pupil's
   * grade, else their class's (see rollYearGroup).
   */
  roll(): Promise<readonly RollPupil[]>;
  /**
   * Staff whose name (display, given or family) starts with `text`, at most 20, in name order: adults with an
   * Education role, never pupils. For naming who delivers an intervention.
   */
  searchStaff(text: string): Promise<readonly StaffMember[]>;
};

/** A member of staff as the directory has them. */
export type StaffMember = { userId: string; name: string; jobTitle?: string; email?: string };

export type DirectoryOptions = {
  graph: GraphConnection;
  /** How long an answer is reused. Default 5 minutes. */
  ttlMs?: number;
  /**
   * How long past its TTL the class list and the roll (names and numbers only) may still answer while they
   * are read again in the background. Default an hour.
   */
  staleForMs?: number;
  /** Milliseconds clock, for the cache. */
  now?: () => number;
};

type EducationUserJson = {
  id: string;
  primaryRole?: string;
  student?: { studentNumber?: string | null; grade?: string | null } | null;
};
type EducationClassJson = { id: string; displayName?: string | null; grade?: string | null };
type UserJson = { id: string; displayName?: string | null; jobTitle?: string | null; mail?: string | null };

/** How many people a staff search asks the directory for (pupils among them are dropped after). */
const STAFF_SEARCH_TOP = 40;
const STAFF_SEARCH_SHOWN = 20;

/** Entra object ids are GUIDs; anything else cannot name a user or class, so Graph is not asked. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createDirectory(options: DirectoryOptions): Directory {
  const { graph } = options;
  const cache = ttlCache(
    options.ttlMs ?? 5 * 60_000,
    options.now ?? Date.now,
    options.staleForMs ?? 60 * 60_000,
  );
  /** Every page of a collection, through the one request path (paging and errors as for every Graph call). */
  const all = <T>(path: string, operation: string) => getAllPages<T>(graph, path, operation);
  const one = <T>(path: string, operation: string) => graphGet<T>(graph, path, operation);

  const className = (c: EducationClassJson) => c.displayName ?? c.id;
  const upnOf = (m: EducationUserJson) => {
    const upn = m.primaryRole === 'student' ? m.student?.studentNumber?.trim() : undefined;
    return upn ? upn.toUpperCase() : undefined;
  };

  /**
   * The members of every class, 20 classes to a `$batch` (https://learn.microsoft.com/en-us/graph/json-batching);
   * a class with more members than a page follows its nextLink on its own. Graph counts every request inside a
   * batch, so this saves time (170 classes: 9 round trips rather than 170), not throttling budget.
   */
  async function membersOfClasses(
    classes: readonly EducationClassJson[],
  ): Promise<{ cls: EducationClassJson; members: EducationUserJson[] }[]> {
    const operation = 'read the members of the classes for the roll';
    const results = await runBatch(
      graph,
      classes.map((c, i) => ({
        id: String(i + 1),
        method: 'GET',
        url: `/education/classes/${c.id}/members?$select=id,primaryRole,student`,
      })),
      { operation },
    );
    return Promise.all(
      classes.map(async (cls, i) => {
        const result = results.get(String(i + 1));
        if (!result || result.error) {
          throw (
            result?.error ??
            new GraphRequestError({ status: 0, message: 'No answer in the batch', operation })
          );
        }
        const page = result.body as GraphPage<EducationUserJson>;
        const next = page['@odata.nextLink'];
        const rest = next
          ? await all<EducationUserJson>(graph.toRequestPath(next), `read the members of class ${cls.id}`)
          : [];
        return { cls, members: [...page.value, ...rest] };
      }),
    );
  }

  const person = (userId: string) =>
    cache(`person:${userId}`, async (): Promise<EducationPerson> => {
      if (!GUID.test(userId)) return 'other';
      const user = await orUndefinedIfNotFound(
        one<EducationUserJson>(
          `/education/users/${userId}?$select=id,primaryRole`,
          `read Education user ${userId}`,
        ),
      );
      if (user?.primaryRole === 'teacher') return 'staff';
      if (user?.primaryRole === 'student') return 'pupil';
      return 'other';
    });

  return {
    /**
     * `startswith` on displayName, givenName and surname is a filter /users supports without advanced queries
     * (https://learn.microsoft.com/en-us/graph/aad-advanced-queries#user-properties); quotes are doubled as
     * OData requires. Each hit is checked against its Education role (cached), so pupils never appear.
     */
    searchStaff: (text) =>
      cache(`staff-search:${text.trim().toLowerCase()}`, async () => {
        const q = text.trim().replace(/'/g, "''");
        if (q === '') return [];
        const filter = ['displayName', 'givenName', 'surname']
          .map((p) => `startswith(${p},'${q}')`)
          .join(' or ');
        const page = await one<GraphPage<UserJson>>(
          `/users?$filter=${encodeURIComponent(filter)}&$select=id,displayName,jobTitle,mail&$top=${STAFF_SEARCH_TOP}`,
          'search the staff by name',
        );
        const kinds = await Promise.all(page.value.map((u) => person(u.id)));
        return page.value
          .filter((_u, i) => kinds[i] === 'staff')
          .map((u) => ({
            userId: u.id,
            name: u.displayName ?? u.id,
            ...(u.jobTitle ? { jobTitle: u.jobTitle } : {}),
            ...(u.mail ? { email: u.mail } : {}),
          }))
          .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
          .slice(0, STAFF_SEARCH_SHOWN);
      }),

    person,

    taughtClasses: (userId) =>
      cache(`taught:${userId}`, async () => {
        if (!GUID.test(userId)) return [];
        const classes =
          (await orUndefinedIfNotFound(
            all<EducationClassJson>(
              `/education/users/${userId}/taughtClasses?$select=id,displayName`,
              `read the classes user ${userId} teaches`,
            ),
          )) ?? [];
        return classes.map((c) => ({ id: c.id, displayName: className(c) }));
      }),

    classRoster: (classId) =>
      cache(`roster:${classId}`, async () => {
        if (!GUID.test(classId)) return undefined;
        const found = await orUndefinedIfNotFound(
          one<EducationClassJson>(
            `/education/classes/${classId}?$select=id,displayName`,
            `read Education class ${classId}`,
          ),
        );
        if (!found) return undefined;
        const [members, teachers] = await Promise.all([
          all<EducationUserJson>(
            `/education/classes/${classId}/members?$select=id,primaryRole,student`,
            `read the members of class ${classId}`,
          ),
          all<EducationUserJson>(
            `/education/classes/${classId}/teachers?$select=id`,
            `read the teachers of class ${classId}`,
          ),
        ]);
        return {
          id: found.id,
          displayName: className(found),
          teacherIds: teachers.map((t) => t.id),
          memberIds: members.map((m) => m.id),
          pupilUpns: members.flatMap((m) => {
            const upn = upnOf(m);
            return upn ? [upn] : [];
          }),
        };
      }),

    classes: () =>
      cache.staleWhileRefreshing('classes', async () =>
        (await all<EducationClassJson>('/education/classes?$select=id,displayName', 'read the classes')).map(
          (c) => ({
            id: c.id,
            displayName: className(c),
          }),
        ),
      ),

    roll: () =>
      cache.staleWhileRefreshing('roll', async () => {
        const classes = await all<EducationClassJson>(
          '/education/classes?$select=id,displayName,grade',
          'read the classes for the roll',
        );
        const rosters = await membersOfClasses(classes);
        const pupils = new Map<
          string,
          { own: string | undefined; classGrades: string[]; classIds: string[] }
        >();
        for (const { cls, members } of rosters) {
          for (const member of members) {
            const upn = upnOf(member);
            if (!upn) continue;
            const pupil = pupils.get(upn) ?? { own: undefined, classGrades: [], classIds: [] };
            pupil.own ??= member.student?.grade ?? undefined;
            if (cls.grade) pupil.classGrades.push(cls.grade);
            if (!pupil.classIds.includes(cls.id)) pupil.classIds.push(cls.id);
            pupils.set(upn, pupil);
          }
        }
        return [...pupils.entries()].map(([upn, p]) => ({
          upn,
          yearGroup: rollYearGroup(p.own, p.classGrades),
          classIds: p.classIds,
        }));
      }),
  };
}

/**
 * The pupil's year group from the roster. School Data Sync carries the MIS year group as the pupil's
 * `student.grade`, so that comes first; a class's `grade` is the fallback when every class the pupil is in
 * agrees (a mixed-age class names no single year). Schools in England write it their own way: 'Year 4',
 * 'Y4', '4', 'Reception', 'YR', 'Nursery'. Anything else (a US grade code such as 'KG') is not guessed at.
 */
function rollYearGroup(own: string | undefined, classGrades: readonly string[]): YearGroup | undefined {
  const fromOwn = own === undefined ? undefined : yearGroupFromGrade(own);
  if (fromOwn) return fromOwn;
  const fromClasses = new Set(classGrades.map(yearGroupFromGrade));
  const [only] = fromClasses;
  return fromClasses.size === 1 ? only : undefined;
}

export function yearGroupFromGrade(grade: string): YearGroup | undefined {
  const text = grade.trim().toLowerCase().replace(/\s+/g, ' ');
  if (['reception', 'rec', 'r', 'yr', 'year r', 'year reception'].includes(text)) return 'R';
  if (['nursery', 'nursery 2', 'n2', 'year n2'].includes(text)) return 'N2';
  if (['nursery 1', 'n1', 'year n1'].includes(text)) return 'N1';
  const year = /^(?:year ?|yr ?|y)?(\d{1,2})$/.exec(text);
  if (!year?.[1]) return undefined;
  const n = Number(year[1]);
  return n >= 1 ? yearGroupFromNumber(n) : undefined;
}

/** A 404 (no such user or class) as undefined; every other failure stays the GraphRequestError it is. */
async function orUndefinedIfNotFound<T>(request: Promise<T>): Promise<T | undefined> {
  try {
    return await request;
  } catch (err) {
    if (err instanceof GraphRequestError && err.status === 404) return undefined;
    throw err;
  }
}

/**
 * Memoises loaders for `ttlMs`. Concurrent callers share one request; a failed load is forgotten at once so
 * the next caller tries again. An answer used in the last fifth of its life is read again in the background,
 * so a directory in use never expires on a request's path. `staleWhileRefreshing` (for what only names and
 * counts hang on, never for who may see what) also answers from an expired entry, up to `staleForMs` past its
 * life, while the new one is read; idle, nothing is read at all.
 */
function ttlCache(ttlMs: number, now: () => number, staleForMs: number, maxEntries = 10_000) {
  type Cached = { loadedAt: number; value: Promise<unknown>; settled: boolean; refreshing: boolean };
  const entries = new Map<string, Cached>();
  const refreshAfterMs = ttlMs * 0.8;

  function store(key: string, value: Promise<unknown>): Cached {
    entries.delete(key);
    if (entries.size >= maxEntries) {
      const oldest = entries.keys().next();
      if (!oldest.done) entries.delete(oldest.value);
    }
    const cached: Cached = { loadedAt: now(), value, settled: false, refreshing: false };
    entries.set(key, cached);
    value.then(
      () => {
        cached.settled = true;
      },
      () => {
        if (entries.get(key) === cached) entries.delete(key);
      },
    );
    return cached;
  }

  /** Reads again in the background; the current answer stays until the new one is in. */
  function refresh(key: string, cached: Cached, load: () => Promise<unknown>): void {
    cached.refreshing = true;
    const value = load();
    value.then(
      () => {
        if (entries.get(key) === cached) store(key, value).settled = true;
      },
      () => {
        cached.refreshing = false;
      },
    );
  }

  function get<T>(key: string, load: () => Promise<T>, staleOk: boolean): Promise<T> {
    const hit = entries.get(key);
    if (hit) {
      const age = now() - hit.loadedAt;
      const fresh = age < ttlMs;
      if (fresh || (staleOk && hit.settled && age < ttlMs + staleForMs)) {
        if (hit.settled && !hit.refreshing && age >= refreshAfterMs) refresh(key, hit, load);
        return hit.value as Promise<T>;
      }
    }
    return store(key, load()).value as Promise<T>;
  }

  const cache = <T>(key: string, load: () => Promise<T>): Promise<T> => get(key, load, false);
  cache.staleWhileRefreshing = <T>(key: string, load: () => Promise<T>): Promise<T> => get(key, load, true);
  return cache;
}
