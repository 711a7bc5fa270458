// /correct (/corregir) figure-id value reason…: an editor corrects a figure's value. A correction
// adds a revision with its reason — the reported value stays in /history — and the reply shows
// old → new with the reason.
import { defineCommand } from '../src/core/command.js';
import { reply, strong, text } from '../src/core/reply.js';
import { correctFigure } from '../src/domain/figures.js';
import { requireIndicator } from '../src/domain/indicators.js';
import { formatValue, parseValue } from '../src/domain/value.js';
import { figureBlocks } from './report.js';
import { figureOption, reasonOption, valueOption } from './shared-options.js';

export const correct = defineCommand({
  name: 'correct',
  alias: 'corregir',
  description: {
    es: 'Corregir el valor de una cifra, con el motivo (editores)',
    en: "Correct a figure's value, with the reason (editors)",
  },
  options: [
    figureOption,
    valueOption({ es: 'El valor correcto', en: 'The right value' }),
    reasonOption({ es: 'Por qué se corrige', en: 'Why it is corrected' }),
  ],
  access: 'editor',
  handler: async (ctx, args) => {
    const { before, after } = await correctFigure(ctx.db, args.figure, parseValue(args.value), args.reason, {
      actor: ctx.actor,
      now: ctx.now,
    });
    const indicator = await requireIndicator(ctx.db, after.indicatorSlug);
    const reason = after.revisions[after.revisions.length - 1]?.reason ?? args.reason;
    return reply(
      ctx.locale,
      text(
        strong(ctx.t.admin.corrected(after.id)),
        ' ',
        strong(formatValue(before.value, ctx.locale)),
        ' → ',
        strong(formatValue(after.value, ctx.locale)),
      ),
      text(`${ctx.t.admin.reason}: `, { text: reason, style: 'em' }),
      ...figureBlocks(after, indicator, ctx),
    );
  },
});
