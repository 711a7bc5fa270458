// Slugs name indicators and sources in commands, URLs and files: lower-case words joined by '-'.
import { DomainError } from './errors.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function assertSlug(slug: string): string {
  if (slug.length > 64 || !SLUG.test(slug)) {
    throw new DomainError('invalid_slug', { input: slug, example: 'political-prisoners' });
  }
  return slug;
}
