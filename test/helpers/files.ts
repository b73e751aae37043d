import type { Response } from 'superagent';

/** A supertest parser that keeps a binary response body (xlsx, docx, pdf) as a Buffer. */
export const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
