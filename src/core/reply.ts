// The structured reply every command returns. All text is already translated and formatted for
// the reply's language (numbers, dates); renderers only lay it out and escape it. No string here
// is markup: emphasis, links and code are structure (Span), so each renderer escapes every string
// for its own format — admin- or source-typed text can never inject markup.
import type { Locale } from '../domain/types.js';

/** A run of text with optional styling; `link` makes it a hyperlink to that URL. */
export interface Span {
  readonly text: string;
  /** `strike`: a value no longer true (a corrected message shows the old value struck through). */
  readonly style?: 'strong' | 'em' | 'code' | 'strike';
  readonly link?: string;
}

/** A paragraph: spans laid out inline. */
export interface TextBlock {
  readonly kind: 'text';
  readonly parts: readonly Span[];
}

/** A titled list; each item is a line of spans. */
export interface ListBlock {
  readonly kind: 'list';
  readonly title: readonly Span[] | null;
  readonly items: readonly (readonly Span[])[];
}

/** One source's latest figure in a summary. */
export interface SummaryLine {
  readonly sourceName: string;
  /** Formatted with its qualifier: `902`, `≥ 60`, `60–75`, `~2.400`. */
  readonly valueText: string;
  /** `20 dic 2025` / `20 Dec 2025`, `dic 2025`, `2025`. */
  readonly asOfText: string;
  /** For flows: `24 dic 2025 – 25 dic 2025`; null for stocks or when absent. */
  readonly periodText: string | null;
  /** The citation URL, else the source's homepage. */
  readonly link: string;
  /** Shown as `#id`. */
  readonly figureId: number;
  readonly stale: boolean;
  /** The value was corrected since it was reported (DESIGN "/count reply": a corrected marker). */
  readonly corrected: boolean;
}

/** One end of a spread: the number and the source it comes from. */
export interface SpreadEndText {
  readonly valueText: string;
  readonly sourceName: string;
  readonly figureId: number;
}

/** An indicator's latest figure per source, side by side (the /count answer). */
export interface SummaryBlock {
  readonly kind: 'summary';
  readonly indicatorSlug: string;
  readonly indicatorName: string;
  readonly lines: readonly SummaryLine[];
  /** Present when two or more sources have a latest figure. */
  readonly spread: { readonly low: SpreadEndText; readonly high: SpreadEndText } | null;
  /** Translated words the renderer places around the data. */
  readonly labels: {
    /** Precedes the date: `al` / `as of`. */
    readonly asOf: string;
    /** The stale marker: `desactualizada` / `stale`. */
    readonly stale: string;
    /** Precedes the spread: `Rango` / `Spread`. */
    readonly spread: string;
    /** Shown instead of lines when there are none. */
    readonly empty: string;
    /** Precedes a flow's period: `periodo` / `period`. */
    readonly period: string;
    /** The corrected marker: `corregida` / `corrected`. */
    readonly corrected: string;
  };
}

/** Several possible answers: Telegram shows buttons, Discord buttons or autocomplete. */
export interface ChoiceBlock {
  readonly kind: 'choice';
  readonly prompt: string;
  /** `command` is a full command line in English form, e.g. `/count political-prisoners`. */
  readonly options: readonly { readonly label: string; readonly command: string }[];
}

/** Something went wrong that the user can fix; `hint` says how (e.g. usage). */
export interface ErrorBlock {
  readonly kind: 'error';
  readonly message: string;
  readonly hint: string | null;
}

/**
 * An image of an indicator's history (/chart), sent as a photo or attachment; the reply's other
 * blocks are its caption.
 */
export interface ChartBlock {
  readonly kind: 'chart';
  readonly indicatorSlug: string;
  readonly sourceSlug: string | null;
  /** `political-prisoners.png`: the attachment's name. */
  readonly fileName: string;
  /** What the image shows: `political-prisoners::es` (indicator, source or '', language). */
  readonly image: string;
  /**
   * The data version it is drawn at: a copy a platform keeps (a Telegram file_id) is the same
   * image while the version is. -1 when unknown (no read cache): nothing may be reused then.
   */
  readonly version: number;
  /** The PNG, drawn on the first call only (a platform holding a copy by imageKey never asks). */
  png(): Promise<Buffer>;
}

export type Block = TextBlock | ListBlock | SummaryBlock | ChoiceBlock | ErrorBlock | ChartBlock;

export interface Reply {
  readonly locale: Locale;
  readonly blocks: readonly Block[];
}

/**
 * A reply that says nothing: flood control's silence (core/flood-refusal.ts). A platform sends
 * nothing for it where it may, and the least it must where it has to answer (a Discord interaction).
 */
export function silence(locale: Locale): Reply {
  return { locale, blocks: [] };
}

export function isSilence(value: Reply): boolean {
  return value.blocks.length === 0;
}

/** Builds a reply from blocks. */
export function reply(locale: Locale, ...blocks: Block[]): Reply {
  return { locale, blocks };
}

/** A paragraph block from strings and spans (a bare string is plain text). */
export function text(...parts: (string | Span)[]): TextBlock {
  return { kind: 'text', parts: parts.map((part) => (typeof part === 'string' ? { text: part } : part)) };
}

export function strong(textValue: string): Span {
  return { text: textValue, style: 'strong' };
}

export function strike(textValue: string): Span {
  return { text: textValue, style: 'strike' };
}

export function code(textValue: string): Span {
  return { text: textValue, style: 'code' };
}

export function link(textValue: string, url: string): Span {
  return { text: textValue, link: url };
}

export function errorBlock(message: string, hint: string | null = null): ErrorBlock {
  return { kind: 'error', message, hint };
}

/** True when the reply reports an error (platforms may show it privately, e.g. Discord ephemeral). */
export function isErrorReply(value: Reply): boolean {
  return value.blocks.some((block) => block.kind === 'error');
}
