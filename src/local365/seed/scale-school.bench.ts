import { bench, describe } from 'vitest';
import { generateScaleSchools } from './scale-school.ts';

describe('generateScaleSchools', () => {
  bench(
    '10 schools × 5,000 pupils',
    () => {
      generateScaleSchools({ schools: 10, pupilsPerSchool: 5000, today: '2026-11-22' });
    },
    { iterations: 3, warmupIterations: 1 },
  );
});
