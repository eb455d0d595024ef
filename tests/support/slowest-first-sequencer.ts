import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Starts the longest files first, so the run does not end waiting on one long file that started last. Vitest
 * orders files by the time they took last run, but a fresh clone (CI) has no such record; Vitest then orders
 * projects by name and files by size. Here, files without a recorded time go by project, the kinds that start
 * the whole app, Chromium or a child server before the quick ones: a new file of a kind goes where its kind goes.
 */
const PROJECTS_LONGEST_FIRST = [
  'browser',
  'integration',
  'server',
  'server-isolated',
  'tab',
  'domain',
  'domain-london',
];

export class SlowestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const bySize = await super.sort(files);
    const lastTime = (file: TestSpecification) =>
      this.ctx.cache.getFileTestResults(
        `${file.project.name}:${relative(this.ctx.config.root, file.moduleId)}`,
      )?.duration;
    if (bySize.every((file) => lastTime(file) !== undefined)) {
      return [...bySize].sort((a, b) => lastTime(b)! - lastTime(a)!);
    }
    const rank = (file: TestSpecification) => {
      const at = PROJECTS_LONGEST_FIRST.indexOf(file.project.name);
      return at === -1 ? PROJECTS_LONGEST_FIRST.length : at;
    };
    return [...bySize].sort((a, b) => rank(a) - rank(b));
  }
}
