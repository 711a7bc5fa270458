// Renders a structured reply as a Discord message: a summary becomes an embed (title the
// indicator, one line per source with value, date, citation link, #id and stale marker, the spread
// as a field), text and lists become embed descriptions, a choice becomes buttons, an error an
// ephemeral embed. Data is escaped; mentions never ping (`allowed_mentions: { parse: [] }`).
// A command's answer is one message, clipped to Discord's limits (renderDiscord); a delivery (a
// long digest) goes out in as many messages as the limits force, nothing cut (renderDiscordParts).
import {
  ButtonStyle,
  ComponentType,
  MessageFlags,
  type APIActionRowComponent,
  type APIAllowedMentions,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
} from 'discord-api-types/v10';
import { isSilence, type Block, type ChoiceBlock, type ErrorBlock, type ListBlock, type Reply, type SummaryBlock, type SummaryLine } from '../../core/reply.js';
import { messagesFor } from '../../i18n/index.js';
import { componentId } from './component-id.js';
import { EMBED_LIMITS, clip, fitEmbeds, packMessages, splitText, type EmbedPiece } from './embed-limits.js';
import { escapeDiscord, linkLabel, maskedLink, spansMarkdown } from './markdown.js';

export interface DiscordMessage {
  readonly content?: string;
  readonly embeds: APIEmbed[];
  readonly components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  readonly allowed_mentions: APIAllowedMentions;
  /** Ephemeral (64) for errors: only the person who asked sees them. */
  readonly flags?: MessageFlags.Ephemeral;
}

const COLORS = { summary: 0x2f6fad, text: 0x5b6770, error: 0xc0392b } as const;
const BUTTON_LABEL_MAX = 80;
const BUTTONS_PER_ROW = 5;
const ROWS_MAX = 5;

/** The message for a reply: embeds for data, buttons for a choice; ephemeral for an error. */
export function renderDiscord(reply: Reply): DiscordMessage {
  // Flood control's silence: an interaction must still be answered, so with the least there is,
  // seen only by whoever asked (the notice before it said how long to wait).
  if (isSilence(reply)) {
    return { content: messagesFor(reply.locale).limits.quiet, embeds: [], components: [], allowed_mentions: { parse: [] }, flags: MessageFlags.Ephemeral };
  }
  const { pieces, buttons, isError } = renderPieces(reply);
  const embeds = pieces.flatMap((piece) =>
    'embed' in piece ? [piece.embed] : splitText(piece.text, EMBED_LIMITS.description).map((description): APIEmbed => ({ description, color: COLORS.text })),
  );
  return {
    embeds: fitEmbeds(embeds),
    components: buttonRows(buttons),
    allowed_mentions: { parse: [] },
    ...(isError ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

/** A delivery's messages, in order: as many as Discord's limits force; the buttons on the last. */
export function renderDiscordParts(reply: Reply): DiscordMessage[] {
  const { pieces, buttons, isError } = renderPieces(reply);
  const parts = packMessages(pieces, COLORS.text);
  return parts.map((embeds, index) => ({
    embeds,
    components: index === parts.length - 1 ? buttonRows(buttons) : [],
    allowed_mentions: { parse: [] },
    ...(isError ? { flags: MessageFlags.Ephemeral } : {}),
  }));
}

/** The reply's blocks in order: neighbouring paragraphs joined as one text, other blocks as embeds. */
function renderPieces(reply: Reply): { pieces: EmbedPiece[]; buttons: APIButtonComponentWithCustomId[]; isError: boolean } {
  const pieces: EmbedPiece[] = [];
  const paragraphs: string[] = [];
  const flush = () => {
    if (paragraphs.length > 0) pieces.push({ text: paragraphs.join('\n\n') });
    paragraphs.length = 0;
  };
  let buttons: APIButtonComponentWithCustomId[] = [];
  let isError = false;
  for (const block of reply.blocks) {
    const rendered = renderBlock(block);
    if (typeof rendered === 'string') {
      paragraphs.push(rendered);
      continue;
    }
    flush();
    pieces.push({ embed: rendered });
    if (block.kind === 'error') isError = true;
    if (block.kind === 'choice') buttons = [...buttons, ...choiceButtons(block)];
  }
  flush();
  return { pieces, buttons, isError };
}

/** A block as a paragraph of markdown (joined with its neighbours) or an embed of its own. */
function renderBlock(block: Block): string | APIEmbed {
  switch (block.kind) {
    case 'text':
      return spansMarkdown(block.parts);
    case 'list':
      return listMarkdown(block);
    case 'summary':
      return summaryEmbed(block);
    case 'choice':
      return { description: clip(escapeDiscord(block.prompt), EMBED_LIMITS.description), color: COLORS.text };
    case 'error':
      return errorEmbed(block);
    case 'chart':
      // The PNG travels with the message as an attachment of this name (sender, answer-invocation).
      return { image: { url: `attachment://${block.fileName}` }, color: COLORS.summary };
  }
}

function listMarkdown(block: ListBlock): string {
  const items = block.items.map((item) => `• ${spansMarkdown(item)}`);
  return (block.title === null ? items : [spansMarkdown(block.title), ...items]).join('\n');
}

function summaryEmbed(block: SummaryBlock): APIEmbed {
  const lines = block.lines.map((line) => summaryLine(line, block.labels));
  const description = lines.length === 0 ? escapeDiscord(block.labels.empty) : lines.join('\n');
  const embed: APIEmbed = { title: escapeDiscord(block.indicatorName), description, color: COLORS.summary };
  if (block.spread !== null) {
    const { low, high } = block.spread;
    const end = (e: typeof low) => `**${escapeDiscord(e.valueText)}** (${escapeDiscord(e.sourceName)}, #${e.figureId})`;
    embed.fields = [{ name: escapeDiscord(block.labels.spread), value: `${end(low)} – ${end(high)}` }];
  }
  return embed;
}

/** `**Foro Penal**: 902 · al 20 dic 2025 · [kudupinter.com](…) · #1 · ⚠️ desactualizada` */
function summaryLine(line: SummaryLine, labels: SummaryBlock['labels']): string {
  const parts = [
    `**${escapeDiscord(line.sourceName)}**: ${escapeDiscord(line.valueText)}${line.corrected ? ` (${escapeDiscord(labels.corrected)})` : ''}`,
    `${escapeDiscord(labels.asOf)} ${escapeDiscord(line.asOfText)}`,
  ];
  if (line.periodText !== null) parts.push(`${escapeDiscord(labels.period)} ${escapeDiscord(line.periodText)}`);
  if (line.link !== '') parts.push(maskedLink(linkLabel(line.link), line.link));
  parts.push(`#${line.figureId}`);
  if (line.stale) parts.push(`⚠️ ${escapeDiscord(labels.stale)}`);
  return parts.join(' · ');
}

function errorEmbed(block: ErrorBlock): APIEmbed {
  const hint = block.hint === null ? '' : `\n${escapeDiscord(block.hint)}`;
  return { description: `⚠️ ${escapeDiscord(block.message)}${hint}`, color: COLORS.error };
}

function choiceButtons(block: ChoiceBlock): APIButtonComponentWithCustomId[] {
  return block.options.flatMap((option) => {
    const customId = componentId(option.command);
    if (customId === undefined) return [];
    return [{ type: ComponentType.Button, style: ButtonStyle.Primary, label: clip(option.label, BUTTON_LABEL_MAX), custom_id: customId }];
  });
}

/** At most 5 buttons a row and 5 rows: Discord's limits. */
function buttonRows(buttons: readonly APIButtonComponentWithCustomId[]): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  const rows: APIActionRowComponent<APIButtonComponentWithCustomId>[] = [];
  for (let i = 0; i < buttons.length && rows.length < ROWS_MAX; i += BUTTONS_PER_ROW) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + BUTTONS_PER_ROW) });
  }
  return rows;
}
