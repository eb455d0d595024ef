import type { NextFunction, Request, Response } from 'express';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * Local mode only, before the bot: an activity whose serviceUrl is not on this computer is refused, so an unsigned
 * activity can never make the bot send a request elsewhere. (With a tenant, the Teams SDK checks the Bot
 * Connector's signature and the serviceUrl it signed.)
 */
export function onlyLocalServiceUrls(req: Request, res: Response, next: NextFunction): void {
  const serviceUrl = (req.body as { serviceUrl?: unknown } | undefined)?.serviceUrl;
  let host: string | undefined;
  try {
    host = typeof serviceUrl === 'string' ? new URL(serviceUrl).hostname : undefined;
  } catch {
    host = undefined;
  }
  if (host !== undefined && LOOPBACK.test(host)) return next();
  res.status(403).json({
    error: {
      code: 'forbidden',
      message:
        'In local mode the bot only answers activities whose serviceUrl is on this computer (field "serviceUrl").',
    },
  });
}
