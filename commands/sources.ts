// /sources (/fuentes) [source]: every source, or one source's description and homepage.
import { defineCommand, type CommandContext } from '../src/core/command.js';
import { commandLabel } from '../src/core/help-text.js';
import { link, reply, strong, text, type Reply, type Span } from '../src/core/reply.js';
import { findSource } from '../src/core/resolve-source.js';
import { sortByName } from '../src/core/sort-by-name.js';
import { listSources } from '../src/domain/sources.js';
import type { Source } from '../src/domain/types.js';

export const sources = defineCommand({
  name: 'sources',
  alias: 'fuentes',
  description: { es: 'Quién publica las cifras', en: 'Who publishes the figures' },
  options: [
    {
      name: 'source',
      kind: 'source',
      names: { es: 'fuente', en: 'source' },
      description: { es: 'Una fuente, p. ej. foro-penal', en: 'A source, e.g. foro-penal' },
      required: false,
      rest: true,
      autocomplete: true,
    },
  ],
  access: 'anyone',
  cacheable: true,
  handler: async (ctx, { source }) => {
    const all = await listSources(ctx.db);
    if (source === undefined) return sourceList(all, ctx);
    return sourceDetail(findSource(all, source), ctx);
  },
});

function sourceList(all: readonly Source[], ctx: CommandContext): Reply {
  if (all.length === 0) return reply(ctx.locale, text(ctx.t.sources.empty));
  const items = sortByName(all, (s) => s.name, ctx.locale).map((s): Span[] => [strong(s.name), { text: ` (${s.slug}, ${ctx.t.sources.kind[s.kind]})` }]);
  const command = commandLabel(ctx.registry, 'sources', ctx.locale);
  return reply(
    ctx.locale,
    { kind: 'list', title: [strong(ctx.t.sources.title)], items },
    text(ctx.t.sources.hint(command)),
  );
}

function sourceDetail(source: Source, ctx: CommandContext): Reply {
  const homepage: Span[] =
    source.url === null ? [{ text: ctx.t.sources.noHomepage }] : [{ text: `${ctx.t.sources.homepage}: ` }, link(source.url, source.url)];
  return reply(
    ctx.locale,
    text(strong(source.name), ` (${source.slug}, ${ctx.t.sources.kind[source.kind]})`),
    ...(source.description[ctx.locale] === '' ? [] : [text(source.description[ctx.locale])]),
    text(...homepage),
  );
}
