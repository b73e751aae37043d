import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * /graphql over HTTP takes one operation as a JSON POST, nothing else. A GET
 * (query or mutation in the address) and the body types a form can send
 * without a preflight (url-encoded, multipart, text/plain) are what a
 * cross-site request forges, so they are refused before Apollo sees them.
 * The websocket upgrade is not a request here: it is served by GraphqlWsServer.
 */
@Injectable()
export class GraphqlHttpMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction) {
    if (req.method !== 'POST') {
      res.status(405).set('allow', 'POST');
      res.json(refusal('Send GraphQL operations as POST /graphql with a JSON body; other methods are not served.'));
      return;
    }
    if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
      res.status(415).json(refusal('Send the operation as JSON, with content-type: application/json.'));
      return;
    }
    next();
  }
}

/** The shape Apollo gives its own refusals of a malformed request. */
const refusal = (message: string) => ({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
