// The files the pages load, all served by cifras: the stylesheet and the icon. Their paths carry
// a hash of their content, so they are cached for a year and a new release changes the path.
import { createHash } from 'node:crypto';
import { SITE_CSS } from './site-css.js';

const ICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#14213d"/>' +
  '<path d="M8 24V14M14 24V8M20 24V17M26 24V11" stroke="#fff" stroke-width="3" stroke-linecap="round"/></svg>';

export interface Asset {
  readonly path: string;
  readonly contentType: string;
  readonly body: string;
}

function hashed(name: string, extension: string, contentType: string, body: string): Asset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { path: `/assets/${name}.${hash}.${extension}`, contentType, body };
}

export const STYLESHEET = hashed('site', 'css', 'text/css; charset=utf-8', SITE_CSS);
export const ICON = hashed('icon', 'svg', 'image/svg+xml', ICON_SVG);
export const ASSETS: readonly Asset[] = [STYLESHEET, ICON];

/** Changes whenever an asset does: part of every page's ETag, so a release refreshes cached pages. */
export const ASSETS_VERSION = createHash('sha256').update(ASSETS.map((a) => a.path).join()).digest('hex').slice(0, 8);
