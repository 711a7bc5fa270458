// Slugs name indicators and sources in commands, URLs and files: lower-case words joined by '-'.
import { DomainError } from './errors.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Whether `slug` has a slug's form: lower-case letters and digits in words joined by '-', at most 64. */
export function isSlug(slug: string): boolean {
  return slug.length <= 64 && SLUG.test(slug);
}

export function assertSlug(slug: string): string {
  if (!isSlug(slug)) {
    throw new DomainError('invalid_slug', { input: slug, example: 'political-prisoners' });
  }
  return slug;
}
