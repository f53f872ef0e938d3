import type { FastifyInstance, RouteOptions } from 'fastify';

/** The request body limit of every route but those that name their own (`routeBodyLimit`). */
export const BODY_LIMIT_BYTES = 64 * 1024;

/** A route's own body limit, in its Fastify route config: `@RouteConfig(routeBodyLimit(bytes))`. */
export interface BodyLimitConfig {
  bodyLimit: number;
}

export function routeBodyLimit(bytes: number): BodyLimitConfig {
  return { bodyLimit: bytes };
}

/**
 * Nest passes a route's `@RouteConfig` to Fastify as `config`, not as route options: this hook
 * makes a `bodyLimit` there the route's own limit, before Fastify builds the route. Register it
 * before the routes are.
 */
export function applyRouteBodyLimits(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route: RouteOptions) => {
    const config: unknown = route.config;
    const limit = typeof config === 'object' && config !== null && 'bodyLimit' in config ? config.bodyLimit : undefined;
    if (typeof limit === 'number') {
      route.bodyLimit = limit;
    }
  });
}

/** Said with a 413: the limit of the route asked, in KiB or MiB. */
export function bodyLimitWords(bytes: number): string {
  return bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0
    ? `${bytes / (1024 * 1024)} MiB`
    : `${Math.round(bytes / 1024)} KiB`;
}
