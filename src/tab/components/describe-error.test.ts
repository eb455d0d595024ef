import { ApiError } from '../api/api-client.ts';
import { describeError } from './describe-error.ts';

describe('what a failure tells staff', () => {
  it('offers a retry when trying again could help: offline, busy, still loading, a server fault', () => {
    for (const status of [0, 429, 503, 500]) {
      expect(describeError(new ApiError(status, 'x', 'Busy.', undefined), 'The register').canRetry).toBe(
        true,
      );
    }
  });

  it('says “not found” without hinting whether the pupil exists, and offers no retry', () => {
    const said = describeError(new ApiError(404, 'notFound', 'No such pupil.', undefined), 'This pupil');
    expect(said).toEqual({
      title: 'Not found',
      detail:
        'This pupil does not exist, or it is not one your role lets you see. Ask the SENCO if you think you should.',
      canRetry: false,
    });
  });

  it('passes on the server’s reason for a refusal', () => {
    const said = describeError(
      new ApiError(403, 'forbidden', 'The audit log is for the SENCO only.', undefined),
      'The audit log',
    );
    expect(said.detail).toBe('The audit log is for the SENCO only.');
    expect(said.canRetry).toBe(false);
  });

  it('tells apart a feature this server does not have yet', () => {
    const said = describeError(
      new ApiError(404, 'notFound', 'No such API route.', undefined),
      'The measures',
    );
    expect(said.title).toBe('Not available yet');
  });
});
