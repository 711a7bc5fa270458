// Renders a reply as plain text for a terminal (`cifras ask`): no markup to escape, links spelled
// out, lists as bullets.
import type { Block, ChoiceBlock, ErrorBlock, ListBlock, Reply, Span, SummaryBlock } from '../../core/reply.js';

export function renderPlainText(value: Reply): string {
  return value.blocks.map(renderBlock).join('\n\n');
}

function renderBlock(block: Block): string {
  switch (block.kind) {
    case 'text':
      return spans(block.parts);
    case 'list':
      return renderList(block);
    case 'summary':
      return renderSummary(block);
    case 'choice':
      return renderChoice(block);
    case 'error':
      return renderError(block);
    case 'chart':
      // A terminal shows no image: where the same one is served.
      return `[${block.fileName}: /indicators/${block.indicatorSlug}/chart.png${block.sourceSlug === null ? '' : `?source=${block.sourceSlug}`}]`;
  }
}

/** Text of spans; a link whose text is not its URL shows the URL after it. */
function spans(parts: readonly Span[]): string {
  return parts.map((part) => (part.link !== undefined && part.link !== part.text ? `${part.text} <${part.link}>` : part.text)).join('');
}

function renderList(block: ListBlock): string {
  const items = block.items.map((item) => `  • ${spans(item)}`);
  return (block.title === null ? items : [spans(block.title), ...items]).join('\n');
}

function renderSummary(block: SummaryBlock): string {
  const { labels } = block;
  const lines = block.lines.map((line) => {
    const stale = line.stale ? ` [${labels.stale}]` : '';
    const period = line.periodText === null ? '' : ` (${labels.period} ${line.periodText})`;
    const corrected = line.corrected ? ` (${labels.corrected})` : '';
    return `  • ${line.sourceName}: ${line.valueText}${corrected} — ${labels.asOf} ${line.asOfText}${period}${stale} #${line.figureId}\n    ${line.link}`;
  });
  const body = lines.length === 0 ? [`  ${labels.empty}`] : lines;
  const spread =
    block.spread === null
      ? []
      : [`${labels.spread}: ${block.spread.low.valueText} (${block.spread.low.sourceName}) – ${block.spread.high.valueText} (${block.spread.high.sourceName})`];
  return [block.indicatorName, ...body, ...spread].join('\n');
}

function renderChoice(block: ChoiceBlock): string {
  return [block.prompt, ...block.options.map((option) => `  • ${option.label}: ${option.command}`)].join('\n');
}

function renderError(block: ErrorBlock): string {
  return block.hint === null ? `⚠ ${block.message}` : `⚠ ${block.message}\n${block.hint}`;
}
