// Renders a structured reply as Telegram messages in HTML parse mode. Every string taken from the
// reply is escaped (html.ts); emphasis, links and code come only from the reply's structure. A
// summary gets one line per source; a choice becomes an inline keyboard whose buttons run the
// offered command. Messages stay within Telegram's 4096 characters: a long reply is split at line
// boundaries, and beyond MAX_MESSAGES it is cut with a note — a command's answer; a delivery (a
// long digest) asks for every part instead.
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import { isSilence, type Block, type ChartBlock, type ChoiceBlock, type ErrorBlock, type ListBlock, type Reply, type Span, type SummaryBlock, type SummaryLine } from '../../core/reply.js';
import type { Presenter } from '../../core/run-command.js';
import { messagesFor } from '../../i18n/index.js';
import { encodeCallbackData } from './callback-data.js';
import { escapeHtml, isLinkable } from './html.js';

/** One message to send: HTML text and, for a choice, its buttons; for a chart, the photo `text` captions. */
export interface TelegramMessage {
  readonly text: string;
  readonly reply_markup?: InlineKeyboardMarkup;
  readonly photo?: ChartBlock;
}

/** Telegram's limit on a photo's caption. */
export const CAPTION_MAX_CHARS = 1024;

export const MESSAGE_MAX_CHARS = 4096;
/** A reply longer than this many messages is cut: nobody scrolls through more in a chat. */
export const MAX_MESSAGES = 5;

/** What every message the bot sends carries besides its text. */
export const HTML_OPTIONS = { parse_mode: 'HTML', link_preview_options: { is_disabled: true } } as const;

export interface RenderOptions {
  /** At most this many messages, the last one saying the rest was cut (default MAX_MESSAGES). */
  readonly maxMessages?: number;
}

/** The messages for a reply, in order; the inline keyboard (if any) rides on the last one. */
export function renderTelegramHtml(reply: Reply, options: RenderOptions = {}): readonly TelegramMessage[] {
  // Flood control's silence: nothing is sent (a button press still gets its callback answered).
  if (isSilence(reply)) return [];
  const chart = reply.blocks.find((block): block is ChartBlock => block.kind === 'chart');
  if (chart !== undefined) return [chartMessage(reply, chart)];
  const lines = reply.blocks.flatMap((block, index) => (index === 0 ? renderBlock(block) : ['', ...renderBlock(block)]));
  const texts = packLines(lines, messagesFor(reply.locale).platform.truncated, options.maxMessages ?? MAX_MESSAGES);
  const keyboard = inlineKeyboard(reply);
  return texts.map((text, index) =>
    keyboard !== null && index === texts.length - 1 ? { text, reply_markup: keyboard } : { text },
  );
}

/** Command answers as Telegram shows them: a kept answer is kept rendered (runCommand). */
export const TELEGRAM_HTML: Presenter<readonly TelegramMessage[]> = { name: 'telegram-html', present: renderTelegramHtml };

function renderBlock(block: Block): string[] {
  switch (block.kind) {
    case 'text':
      return spans(block.parts).split('\n');
    case 'list':
      return renderList(block);
    case 'summary':
      return renderSummary(block);
    case 'choice':
      return [escapeHtml(block.prompt)];
    case 'error':
      return renderError(block);
    case 'chart':
      return [];
  }
}

/**
 * A chart as one photo whose caption is the rest of the reply. A caption too long for Telegram
 * keeps its first lines and says how many were left out and where to read them all.
 */
function chartMessage(reply: Reply, chart: ChartBlock): TelegramMessage {
  const lines = reply.blocks.filter((block) => block !== chart).flatMap(renderBlock);
  const t = messagesFor(reply.locale);
  let kept = lines;
  // HTML length bounds the visible length Telegram counts, so what fits here fits there.
  while (kept.join('\n').length > CAPTION_MAX_CHARS && kept.length > 1) {
    kept = kept.slice(0, -1);
    const note = escapeHtml(t.share.captionCut(lines.length - kept.length, chart.indicatorSlug));
    if ([...kept, note].join('\n').length <= CAPTION_MAX_CHARS) {
      kept = [...kept, note];
      break;
    }
  }
  const keyboard = inlineKeyboard(reply);
  return { text: kept.join('\n'), photo: chart, ...(keyboard === null ? {} : { reply_markup: keyboard }) };
}

/** Spans as HTML: each text escaped, then wrapped in the tags its structure asks for. */
export function spans(parts: readonly Span[]): string {
  return parts.map(span).join('');
}

function span(part: Span): string {
  let html = escapeHtml(part.text);
  if (part.style === 'strong') html = `<b>${html}</b>`;
  else if (part.style === 'em') html = `<i>${html}</i>`;
  else if (part.style === 'code') html = `<code>${html}</code>`;
  else if (part.style === 'strike') html = `<s>${html}</s>`;
  return part.link !== undefined && isLinkable(part.link) ? `<a href="${escapeHtml(part.link)}">${html}</a>` : html;
}

function renderList(block: ListBlock): string[] {
  const items = block.items.map((item) => `• ${spans(item)}`);
  return block.title === null ? items : [spans(block.title), ...items];
}

/**
 * ```
 * <b>Presos políticos</b>
 * • <b>Foro Penal</b>: 902 — al 20 dic 2025 · <a href="…">efectococuyo.com</a> · #3 · ⚠️ desactualizada
 * Rango: 60 (ONG) – 99 (Ministerio)
 * ```
 */
function renderSummary(block: SummaryBlock): string[] {
  const { labels, spread } = block;
  const lines = block.lines.length === 0 ? [escapeHtml(labels.empty)] : block.lines.map((line) => summaryLine(line, block));
  const spreadLine =
    spread === null
      ? []
      : [
          `<i>${escapeHtml(labels.spread)}</i>: ${escapeHtml(spread.low.valueText)} (${escapeHtml(spread.low.sourceName)}) – ` +
            `${escapeHtml(spread.high.valueText)} (${escapeHtml(spread.high.sourceName)})`,
        ];
  return [`<b>${escapeHtml(block.indicatorName)}</b>`, ...lines, ...spreadLine];
}

function summaryLine(line: SummaryLine, block: SummaryBlock): string {
  const { labels } = block;
  const period = line.periodText === null ? '' : ` (${escapeHtml(labels.period)} ${escapeHtml(line.periodText)})`;
  const corrected = line.corrected ? ` (${escapeHtml(labels.corrected)})` : '';
  const parts = [
    `• <b>${escapeHtml(line.sourceName)}</b>: ${escapeHtml(line.valueText)}${corrected} — ${escapeHtml(labels.asOf)} ${escapeHtml(line.asOfText)}${period}`,
    linkHtml(line.link),
    `#${line.figureId}`,
    ...(line.stale ? [`⚠️ ${escapeHtml(labels.stale)}`] : []),
  ];
  return parts.join(' · ');
}

/** A link shown by its host (`efectococuyo.com`): short, language-neutral and says where it goes. */
function linkHtml(url: string): string {
  if (!isLinkable(url)) return escapeHtml(url);
  let label = url;
  try {
    label = new URL(url).hostname.replace(/^www\./, '');
  } catch {
    // Not parseable as a URL: show it whole.
  }
  return `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`;
}

function renderError(block: ErrorBlock): string[] {
  const message = `⚠️ ${escapeHtml(block.message)}`;
  return block.hint === null ? [message] : [message, escapeHtml(block.hint)];
}

/**
 * A choice's buttons, one a row, each running its option's command; under one indicator's
 * figures, a Share button that opens inline mode in a chat the reader picks, the indicator's name
 * typed. Null when there is neither.
 */
function inlineKeyboard(reply: Reply): InlineKeyboardMarkup | null {
  const choices = reply.blocks.filter((block): block is ChoiceBlock => block.kind === 'choice');
  const rows: InlineKeyboardButton[][] = choices.flatMap((choice) =>
    choice.options.map((option) => [{ text: option.label, callback_data: encodeCallbackData(option.command) }]),
  );
  const summaries = reply.blocks.filter((block): block is SummaryBlock => block.kind === 'summary');
  const [summary] = summaries;
  if (rows.length === 0 && summaries.length === 1 && summary !== undefined) {
    rows.push([{ text: messagesFor(reply.locale).share.button, switch_inline_query: summary.indicatorName }]);
  }
  return rows.length === 0 ? null : { inline_keyboard: rows };
}

/**
 * Packs lines into messages of at most MESSAGE_MAX_CHARS. A line is never split (its tags would
 * break); a single line too long for a message is replaced by its escaped text, cut.
 */
function packLines(lines: readonly string[], truncatedNote: string, maxMessages: number): string[] {
  const messages: string[] = [];
  let current: string[] = [];
  let length = 0;
  for (const raw of lines) {
    const line = raw.length > MESSAGE_MAX_CHARS ? cutLine(raw) : raw;
    const added = current.length === 0 ? line.length : line.length + 1;
    if (length + added > MESSAGE_MAX_CHARS && current.length > 0) {
      messages.push(joinLines(current));
      current = [];
      length = 0;
    }
    length += current.length === 0 ? line.length : line.length + 1;
    current.push(line);
  }
  if (current.length > 0) messages.push(joinLines(current));
  if (messages.length <= maxMessages) return messages;
  const kept = messages.slice(0, maxMessages);
  const last = kept[maxMessages - 1] ?? '';
  const note = `\n${escapeHtml(truncatedNote)}`;
  kept[maxMessages - 1] = last.length + note.length <= MESSAGE_MAX_CHARS ? last + note : dropLastLines(last, note);
  return kept;
}

/** Lines as one message, without the blank separators a split may leave at either end. */
function joinLines(lines: readonly string[]): string {
  return lines.join('\n').replace(/^\n+|\n+$/g, '');
}

function dropLastLines(message: string, note: string): string {
  const lines = message.split('\n');
  while (lines.length > 1 && lines.join('\n').length + note.length > MESSAGE_MAX_CHARS) lines.pop();
  return lines.join('\n') + note;
}

/** A line too long for one message: its tags dropped, the text cut, escaped again. */
function cutLine(html: string): string {
  const text = html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  let cut = text.slice(0, MESSAGE_MAX_CHARS - 200);
  while (escapeHtml(cut).length > MESSAGE_MAX_CHARS - 1) cut = cut.slice(0, -100);
  return `${escapeHtml(cut)}…`;
}
