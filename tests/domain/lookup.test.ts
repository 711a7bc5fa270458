// Lookup of free text to an indicator: insensitive to case, accents and punctuation; ambiguity
// is reported, never guessed.
import { describe, expect, it } from 'vitest';
import { lookupIndicator, normalizeText, relatedIndicators } from '../../src/domain/lookup.js';
import { DEMO_DATASET } from '../../src/domain/seed.js';
import type { Indicator } from '../../src/domain/types.js';

const indicators: Indicator[] = (DEMO_DATASET.indicators ?? []).map((i, n) => ({
  id: n + 1,
  slug: i.slug,
  kind: i.kind,
  unit: i.unit ?? 'people',
  region: i.region ?? null,
  name: i.name,
  aliases: { es: i.aliases?.es ?? [], en: i.aliases?.en ?? [] },
  description: i.description ?? { es: '', en: '' },
  staleAfterDays: 30,
}));

const slugOf = (text: string) => {
  const result = lookupIndicator(indicators, text);
  return result.kind === 'match' ? result.indicator.slug : result.kind;
};

describe('lookupIndicator', () => {
  it('normalizes case, accents and punctuation', () => {
    expect(normalizeText('  Presos  POLÍTICOS!! ')).toBe('presos politicos');
    expect(normalizeText('post-election_releases')).toBe('post election releases');
  });

  it.each([
    ['presos políticos', 'political-prisoners'],
    ['PRESOS POLITICOS', 'political-prisoners'],
    ['political-prisoners', 'political-prisoners'],
    ['Political Prisoners', 'political-prisoners'],
    ['presos', 'political-prisoners'],
    ['desaparición forzada', 'forced-disappearances'],
    ['desaparecidos', 'forced-disappearances'],
    ['releases', 'post-election-releases'],
    ['excarcelaciones', 'post-election-releases'],
    ['liberados', 'post-election-releases'],
    ['presos politcos', 'political-prisoners'], // a typo: close spelling
    ['presso politicos', 'political-prisoners'], // two letters swapped: one slip
    ['pressos politcos', 'political-prisoners'], // a typo in each word
    ['presospoliticos', 'political-prisoners'], // words run together
    ['desaparecidos presos', 'none'], // two indicators named: not a misspelling of either
    ['presos liberados', 'none'],
  ])('%s → %s', (text, slug) => {
    expect(slugOf(text)).toBe(slug);
  });

  it('reports several candidates instead of guessing', () => {
    const result = lookupIndicator(indicators, 'political');
    // "political" prefixes names of political-prisoners only in the demo set; add a second one.
    const extra: Indicator = { ...indicators[0]!, id: 99, slug: 'political-violence', name: { es: 'Violencia política', en: 'Political violence' }, aliases: { es: [], en: [] } };
    const ambiguous = lookupIndicator([...indicators, extra], 'political');
    expect(result.kind).toBe('match');
    expect(ambiguous.kind).toBe('ambiguous');
    expect(ambiguous.kind === 'ambiguous' && ambiguous.candidates.map((c) => c.slug).sort()).toEqual(['political-prisoners', 'political-violence']);
  });

  it('names the indicators some words of an unmatched text name, ignoring short words', () => {
    const related = (text: string) => relatedIndicators(indicators, text).map((i) => i.slug);
    expect(related('desaparecidos presos').sort()).toEqual(['forced-disappearances', 'political-prisoners']);
    expect(related('presso inflación')).toEqual(['political-prisoners']);
    expect(related('la de el')).toEqual([]);
    expect(related('inflation')).toEqual([]);
  });

  it('finds nothing for unrelated text or an empty query', () => {
    expect(slugOf('inflation')).toBe('none');
    expect(slugOf('  ¿? ')).toBe('none');
  });
});
