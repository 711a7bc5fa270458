// /retract (/retirar) figure-id reason…: an editor withdraws a figure. It leaves /count but stays
// in /history, marked, with the reason: a retraction is a revision, never a deletion.
import { defineCommand } from '../src/core/command.js';
import { reply, strong, text } from '../src/core/reply.js';
import { retractFigure } from '../src/domain/figures.js';
import { requireIndicator } from '../src/domain/indicators.js';
import { figureBlocks } from './report.js';
import { figureOption, reasonOption } from './shared-options.js';

export const retract = defineCommand({
  name: 'retract',
  alias: 'retirar',
  description: {
    es: 'Retirar una cifra, con el motivo; queda en el historial (editores)',
    en: 'Retract a figure, with the reason; it stays in the history (editors)',
  },
  options: [figureOption, reasonOption({ es: 'Por qué se retira', en: 'Why it is retracted' })],
  access: 'editor',
  handler: async (ctx, args) => {
    const figure = await retractFigure(ctx.db, args.figure, args.reason, { actor: ctx.actor, now: ctx.now });
    const indicator = await requireIndicator(ctx.db, figure.indicatorSlug);
    const reason = figure.revisions[figure.revisions.length - 1]?.reason ?? args.reason;
    return reply(
      ctx.locale,
      text(strong(ctx.t.admin.retracted(figure.id))),
      ...figureBlocks(figure, indicator, ctx),
      text(`${ctx.t.admin.reason}: `, { text: reason, style: 'em' }),
    );
  },
});
