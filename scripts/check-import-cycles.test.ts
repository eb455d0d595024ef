import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describeCycle, findImportCycles } from './check-import-cycles.ts';

const root = resolve(import.meta.dirname, '..');
const run = promisify(execFile);

/** A project folder with a tsconfig like ours and the given files. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'import-cycles-'));
  const compilerOptions = {
    module: 'ESNext',
    moduleResolution: 'Bundler',
    allowImportingTsExtensions: true,
    verbatimModuleSyntax: true,
    noEmit: true,
    strict: true,
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['src'] }));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const made: string[] = [];
function fixture(files: Record<string, string>): string {
  const dir = project(files);
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** The cycle once found in the domain: the date module re-exported the zod field, which imports the date module. */
const dateCycle = {
  'src/calendar-date.ts': [
    "export { calendarDateField } from './calendar-date-field.js';",
    'export const isCalendarDate = (text: string) => /^\\d{4}-\\d{2}-\\d{2}$/.test(text);',
  ].join('\n'),
  'src/calendar-date-field.ts': [
    "import { isCalendarDate } from './calendar-date.ts';",
    'export const calendarDateField = (text: string) => isCalendarDate(text);',
  ].join('\n'),
  'src/pupil.ts':
    "import { calendarDateField } from './calendar-date.ts';\nexport const dateOfBirth = calendarDateField;",
};

describe('the import cycle check', () => {
  it('fails on a cycle, naming each file in it and the line of each import around it', async () => {
    const dir = fixture(dateCycle);
    const failure = await run(join(root, 'node_modules/.bin/tsx'), [
      join(root, 'scripts/check-import-cycles.ts'),
      dir,
    ]).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain(
      'Import cycle among 2 files: src/calendar-date-field.ts, src/calendar-date.ts',
    );
    expect(failure?.stderr).toContain(
      "src/calendar-date-field.ts:1 imports './calendar-date.ts' (src/calendar-date.ts)",
    );
    expect(failure?.stderr).toContain(
      "src/calendar-date.ts:1 imports './calendar-date-field.js' (src/calendar-date-field.ts)",
    );
    // The file that only imports the cycle is not part of it.
    expect(failure?.stderr).not.toContain('src/pupil.ts');
  });

  it('passes the same files once the cycle is broken', () => {
    const dir = fixture({
      ...dateCycle,
      'src/calendar-date.ts': 'export const isCalendarDate = (text: string) => text.length === 10;',
    });
    expect(findImportCycles(dir)).toEqual([]);
  });

  it('reports one shortest circle through a larger knot, and every file of the knot', () => {
    const dir = fixture({
      'src/a.ts':
        "import { b } from './b.ts';\nimport { d } from './d.ts';\nexport const a = () => b() + d();",
      'src/b.ts': "import { c } from './c.ts';\nexport const b = () => c();",
      'src/c.ts': "import { a } from './a.ts';\nexport const c = () => 1;\nexport const again = a;",
      'src/d.ts': "import { a } from './a.ts';\nexport const d = () => 2;\nexport const back = a;",
    });
    const cycles = findImportCycles(dir);
    expect(cycles).toHaveLength(1);
    expect(describeCycle(cycles[0]!, dir).split('\n')).toEqual([
      'Import cycle among 4 files: src/a.ts, src/b.ts, src/c.ts, src/d.ts',
      "  src/a.ts:2 imports './d.ts' (src/d.ts)",
      "  src/d.ts:1 imports './a.ts' (src/a.ts)",
    ]);
  });

  it('counts imports that run, import() too, and not those the compiler erases', () => {
    const erased = [
      "import type { A } from './a.ts';",
      "import { type A as A2 } from './a.ts';",
      "export type { A as A3 } from './a.ts';",
      "export { type A as A4 } from './a.ts';",
      "export type B = A | A2 | import('./a.ts').A;",
    ].join('\n');
    const a = "import { b } from './b.ts';\nexport type A = string;\nexport const a = b;";
    expect(
      findImportCycles(fixture({ 'src/a.ts': a, 'src/b.ts': `${erased}\nexport const b = 1;` })),
    ).toEqual([]);

    const running = [
      "import './a.ts';",
      "import { type A, a } from './a.ts';",
      "export * from './a.ts';",
      "export const later = () => import('./a.ts');",
    ];
    for (const line of running) {
      const dir = fixture({ 'src/a.ts': a, 'src/b.ts': `${line}\nexport const b = 1;` });
      expect(
        findImportCycles(dir).map((cycle) => cycle.files.length),
        line,
      ).toEqual([2]);
    }
  });

  it('finds no cycle among our own modules', () => {
    expect(findImportCycles(root).map((cycle) => describeCycle(cycle, root))).toEqual([]);
  });

  it('runs whenever the code is linted, so CI runs it', () => {
    const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(scripts.lint).toContain('npm run lint:cycles');
    expect(scripts['lint:cycles']).toBe('tsx scripts/check-import-cycles.ts');
    expect(scripts.test).toMatch(/run-together\.ts [^&]*\blint\b/);
  });
});
