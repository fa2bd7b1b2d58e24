import type { MiddlewareHandler } from 'astro';
import { linkEachWidgetStylesheetOnce } from './lib/widget-stylesheets';

/**
 * Every page Astro renders, at build time and in `astro dev`, links each widget stylesheet once
 * (src/lib/widget-stylesheets.ts). Anything that is not HTML passes through untouched. (A plain
 * function rather than `defineMiddleware`, which only returns its argument: the unit tests import it
 * without Astro's virtual modules.)
 */
export const onRequest: MiddlewareHandler = async (_context, next) => {
  const response = await next();
  if (!(response.headers.get('content-type') ?? '').startsWith('text/html')) return response;
  const html = await response.text();
  return new Response(linkEachWidgetStylesheetOnce(html), { status: response.status, statusText: response.statusText, headers: response.headers });
};
