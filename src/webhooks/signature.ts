import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Deliveries are signed as the Standard Webhooks specification says, so
 * integrators can verify them with its libraries in any language:
 * webhook-id, webhook-timestamp (Unix seconds) and
 * webhook-signature = "v1," + base64(HMAC-SHA256(key, id + "." + timestamp + "." + body)),
 * where the key is the base64 part of the secret "whsec_…".
 */
export const newSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

export function sign(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** What a receiver does (the tests' receiver uses it): a valid signature on a recent timestamp. */
export function verify(secret: string, headers: Record<string, string | undefined>, body: string, toleranceSeconds = 300, nowSeconds = Date.now() / 1000): boolean {
  const id = headers['webhook-id'];
  const timestamp = Number(headers['webhook-timestamp']);
  if (!id || !Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(sign(secret, id, timestamp, body));
  return (headers['webhook-signature'] ?? '').split(' ').some((s) => {
    const given = Buffer.from(s);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
