import {
  Client,
  HTTPMessageHandler,
  RetryHandler,
  RetryHandlerOptions,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';

export type GraphClientOptions = {
  /** Graph root without the version: 'https://graph.microsoft.com' or 'http://localhost:3978/local365/graph'. */
  root: string;
  /** Called before every request; the token provider caches and renews. */
  getToken: () => Promise<string>;
  /** SharePoint asks apps to decorate traffic: 'NONISV|Company|App/Version'. */
  userAgent?: string;
  retry?: { maxRetries?: number; delaySeconds?: number };
};

export type GraphConnection = {
  client: Client;
  /** Turns an absolute @odata.nextLink / deltaLink (Graph's or the stand-in's) into a path for `client.api()`. */
  toRequestPath(link: string): string;
};

export const GRAPH_VERSION = 'v1.0';

/**
 * Sets the bearer token on every request to the configured root. The library's own AuthenticationHandler
 * only sends tokens to https Graph hosts, which would leave the local stand-in unauthenticated.
 */
class BearerTokenMiddleware implements Middleware {
  private next: Middleware | undefined;
  constructor(
    private readonly root: string,
    private readonly getToken: () => Promise<string>,
    private readonly userAgent: string,
  ) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    if (!url.startsWith(this.root)) throw new Error(`Graph request outside the configured root: ${url}`);
    const token = await this.getToken();
    const options = (context.options ??= {});
    const headers = new Headers(options.headers);
    headers.set('Authorization', `Bearer ${token}`);
    headers.set('User-Agent', this.userAgent);
    options.headers = headers;
    if (!this.next) throw new Error('BearerTokenMiddleware has no next middleware');
    await this.next.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** The one way out to Graph: auth, retries honouring Retry-After, and link handling are set here, once. */
export function createGraphConnection(options: GraphClientOptions): GraphConnection {
  const root = options.root.replace(/\/+$/, '');
  const auth = new BearerTokenMiddleware(
    root,
    options.getToken,
    options.userAgent ?? 'NONISV|SENCOHub|SENCOHub/0.1',
  );
  const retry = new RetryHandler(
    new RetryHandlerOptions(options.retry?.delaySeconds ?? 3, options.retry?.maxRetries ?? 5, () => true),
  );
  const http = new HTTPMessageHandler();
  auth.setNext(retry);
  retry.setNext(http);
  const client = Client.initWithMiddleware({
    baseUrl: `${root}/`,
    defaultVersion: GRAPH_VERSION,
    middleware: auth,
  });
  const versionRoots = [`${root}/${GRAPH_VERSION}`, `https://graph.microsoft.com/${GRAPH_VERSION}`];
  return {
    client,
    toRequestPath(link) {
      const prefix = versionRoots.find((r) => link.startsWith(r));
      if (!prefix) throw new Error(`Not a Graph ${GRAPH_VERSION} link: ${link}`);
      return link.slice(prefix.length);
    },
  };
}
