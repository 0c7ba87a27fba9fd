import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { RateLimiter } from '../rate-limiter.ts';

/** An onRequest hook that allows each client `perMinute` requests to the routes it guards. */
export function limitPerClient(perMinute: number) {
  const limiter = new RateLimiter(perMinute, 60_000);
  return async (request: FastifyRequest) => {
    // Scripts with a token are counted by account, so that a shared newsroom address does not throttle them all.
    const key = request.viewer.kind === 'account' ? `account:${request.viewer.id}` : `ip:${request.ip}`;
    const wait = limiter.hit(key);
    if (wait > 0) {
      throw new AppError('request.rate_limited', `Too many requests. Try again in ${wait} seconds.`, 429, { retryAfter: wait });
    }
  };
}
