import { createAppTokenProvider } from '../app-token-provider.ts';
import { createGraphConnection, type GraphConnection } from '../graph-client.ts';

/**
 * An app-only connection to a running local stand-in, as the server makes it in local mode, with the token
 * cached (the test kit's own connection asks for a new token on every request, which is slow in bulk).
 */
export function localAppConnection(input: {
  baseUrl: string;
  graphRoot: string;
  clientId: string;
  retry?: { maxRetries?: number; delaySeconds?: number };
}): GraphConnection {
  return createGraphConnection({
    root: input.graphRoot,
    getToken: createAppTokenProvider({
      kind: 'local',
      tokenUrl: `${input.baseUrl}/local365/token`,
      clientId: input.clientId,
    }),
    retry: input.retry ?? { maxRetries: 3, delaySeconds: 0 },
  });
}
