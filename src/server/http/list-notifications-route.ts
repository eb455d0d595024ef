import express from 'express';

/**
 * Where Graph delivers change notifications on our lists (https://learn.microsoft.com/en-us/graph/change-notifications-delivery-webhooks).
 * Not under /api: Graph sends no bearer token. Two kinds of POST:
 * - the validation handshake when a subscription is made (`?validationToken=…`): the token echoed, 200, as
 *   text/plain, at once (Graph waits 10 seconds at most);
 * - notifications: answered 202 at once (Graph expects an answer within 3 seconds and slows delivery to an
 *   endpoint that is slow); only then are they checked — each must name one of our subscriptions and carry our
 *   clientState secret, anything else is ignored — and the lists they name read again by delta.
 * The answer is the same whatever the body holds, so the endpoint tells a caller nothing.
 */
export function listNotificationsRouter(accept: (body: unknown) => number): express.Router {
  const router = express.Router();
  router.post('/', (req, res, next) => {
    const token = req.query['validationToken'];
    if (token === undefined) return next();
    if (typeof token !== 'string' || token.length === 0 || token.length > 1024) {
      res.status(400).type('text/plain').send('validationToken must be one value of at most 1024 characters');
      return;
    }
    res.status(200).type('text/plain').send(token);
  });
  router.post('/', express.json({ limit: '1mb' }), (req, res) => {
    res.status(202).end();
    const body: unknown = req.body;
    setImmediate(() => accept(body));
  });
  return router;
}
