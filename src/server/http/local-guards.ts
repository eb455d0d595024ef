import type { NextFunction, Request, Response } from 'express';
import { errorAnswers, sendErrorAnswer } from './error-answers.ts';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * Local mode only, first of all: a request must name this computer in its Host header. Local mode listens on the
 * loopback interface, but a web page elsewhere could still point a name of its own at 127.0.0.1 (DNS rebinding)
 * and have the browser call the demo sign-in; such a request names that other host, and is refused.
 */
export function onlyLoopbackHost(req: Request, res: Response, next: NextFunction): void {
  const host = req.headers.host ?? '';
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
  if (name !== undefined && LOOPBACK.test(name)) return next();
  sendErrorAnswer(
    res,
    errorAnswers.misdirectedRequest(
      'Local mode answers only requests addressed to this computer (localhost, 127.0.0.1 or [::1]).',
    ),
  );
}

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
  sendErrorAnswer(
    res,
    errorAnswers.forbidden(
      'In local mode the bot only answers activities whose serviceUrl is on this computer (field "serviceUrl").',
    ),
  );
}
