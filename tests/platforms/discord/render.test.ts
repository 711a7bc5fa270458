// renderDiscord: the reply model as embeds and buttons within Discord's limits, data escaped; and
// renderDiscordParts: a delivery too long for one message in as many messages as the limits force.
import { describe, expect, it } from 'vitest';
import { errorBlock, link, reply, strong, text, type SummaryBlock } from '../../../src/core/reply.js';
import { renderDiscord, renderDiscordParts } from '../../../src/platforms/discord/render.js';

const labels = { asOf: 'as of', stale: 'stale', spread: 'Spread', empty: 'No figures yet.', period: 'period', corrected: 'corrected' };

function summary(lines: number, name = 'Source'): SummaryBlock {
  return {
    kind: 'summary',
    indicatorSlug: 'x',
    indicatorName: 'Political prisoners',
    lines: Array.from({ length: lines }, (_, i) => ({
      sourceName: `${name} ${i}`,
      valueText: '1,085',
      asOfText: '20 Dec 2025',
      periodText: null,
      link: 'https://example.org/report',
      figureId: i + 1,
      stale: false,
      corrected: false,
    })),
    spread: null,
    labels,
  };
}

function embedSize(embed: { title?: string; description?: string; fields?: { name: string; value: string }[] }): number {
  return (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
}

describe('renderDiscord', () => {
  it('turns text and lists into one embed description, with styling as markdown and data escaped', () => {
    const message = renderDiscord(
      reply('en', text(strong('Sources'), ': ', link('Foro Penal', 'https://foropenal.com')), { kind: 'list', title: null, items: [[text('# not a heading').parts[0]!]] }),
    );
    expect(message.embeds).toHaveLength(1);
    expect(message.embeds[0]?.description).toBe('**Sources**: [Foro Penal](https://foropenal.com)\n\n• \\# not a heading');
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(message.components).toEqual([]);
    expect(message.flags).toBeUndefined();
  });

  it('marks stale figures, keeps the period and never links anything but http(s)', () => {
    const block = summary(1);
    const line = { ...block.lines[0]!, stale: true, periodText: '24 Dec 2025 – 25 Dec 2025', link: 'javascript:alert(1)' };
    const message = renderDiscord(reply('en', { ...block, lines: [line] }));
    expect(message.embeds[0]?.description).toBe('**Source 0**: 1,085 · as of 20 Dec 2025 · period 24 Dec 2025 – 25 Dec 2025 · javascript:alert(1) · #1 · ⚠️ stale');
  });

  it('shows the empty text when no source has a figure', () => {
    expect(renderDiscord(reply('en', summary(0))).embeds[0]?.description).toBe('No figures yet.');
  });

  it('makes errors ephemeral', () => {
    const message = renderDiscord(reply('es', errorBlock('No existe la fuente «x».', 'Uso: /fuentes [fuente]')));
    expect(message.flags).toBe(64);
    expect(message.embeds[0]?.description).toBe('⚠️ No existe la fuente «x».\nUso: /fuentes \\[fuente\\]');
  });

  it('lays out at most five buttons a row and five rows', () => {
    const options = Array.from({ length: 30 }, (_, i) => ({ label: `Indicator ${i}`, command: `/count indicator-${i}` }));
    const message = renderDiscord(reply('en', { kind: 'choice', prompt: 'Which one?', options }));
    expect(message.components).toHaveLength(5);
    expect(message.components.every((row) => row.components.length === 5)).toBe(true);
    expect(message.components[0]?.components[0]).toEqual({ type: 2, style: 1, label: 'Indicator 0', custom_id: 'count:indicator-0' });
    expect(message.embeds[0]?.description).toBe('Which one?');
  });

  it('keeps a long summary within the description limit and the whole message within 6000 characters', () => {
    const message = renderDiscord(reply('en', summary(200, 'A source with a rather long name indeed'), summary(200)));
    for (const embed of message.embeds) expect(embed.description?.length ?? 0).toBeLessThanOrEqual(4096);
    expect(message.embeds.reduce((n, e) => n + embedSize(e), 0)).toBeLessThanOrEqual(6000);
    expect(message.embeds[0]?.description?.endsWith('…')).toBe(true);
  });

  it('splits long text across embeds, at most ten', () => {
    const lines = Array.from({ length: 400 }, (_, i) => text(`line ${i} `.repeat(10)));
    const message = renderDiscord(reply('en', ...lines));
    expect(message.embeds.length).toBeGreaterThan(1);
    expect(message.embeds.length).toBeLessThanOrEqual(10);
    expect(message.embeds.reduce((n, e) => n + embedSize(e), 0)).toBeLessThanOrEqual(6000);
  });

  it('clips a long indicator name to the title limit', () => {
    const message = renderDiscord(reply('en', { ...summary(1), indicatorName: 'n'.repeat(300) }));
    expect(message.embeds[0]?.title).toHaveLength(256);
  });
});

describe('renderDiscordParts', () => {
  it('is one message, the same as renderDiscord, for a reply that fits', () => {
    const short = reply('es', text(strong('Resumen del día')), { kind: 'list', title: [strong('Presos políticos')], items: [[{ text: 'Foro Penal: 902' }]] });
    expect(renderDiscordParts(short)).toEqual([renderDiscord(short)]);
  });

  it('cuts nothing: every line of a long text and every embed, in order, in messages within every limit', () => {
    const lines = Array.from({ length: 600 }, (_, i) => `línea ${i} · ${'Observatorio de prisiones '.repeat(4)}`);
    const parts = renderDiscordParts(reply('es', text(lines.slice(0, 300).join('\n')), summary(3), text(lines.slice(300).join('\n'))));
    expect(parts.length).toBeGreaterThan(5);
    for (const part of parts) {
      expect(part.embeds.length).toBeLessThanOrEqual(10);
      expect(part.embeds.reduce((n, e) => n + embedSize(e), 0)).toBeLessThanOrEqual(6000);
      for (const embed of part.embeds) expect(embed.description?.length ?? 0).toBeLessThanOrEqual(4096);
    }
    const descriptions = parts.flatMap((p) => p.embeds.map((e) => e.description ?? ''));
    expect(descriptions.join('\n').split('\n').filter((l) => l.startsWith('línea')).map((l) => l.split(' ')[1])).toEqual(lines.map((_, i) => String(i)));
    expect(parts.flatMap((p) => p.embeds).filter((e) => e.title === 'Political prisoners')).toHaveLength(1);
    expect(descriptions.some((d) => d.endsWith('…'))).toBe(false);
  });
});
