// Replies that could outgrow a message are cut into pages here, once for every platform: what one
// reply holds is measured against REPLY_BUDGET, a size that fits one Telegram message (4,096
// characters) and one Discord embed description (4,096; 6,000 a message) once markup and escaping
// are added. Whatever a page leaves out is said, with the buttons and the command that show it —
// a platform never has to cut a reply, which it could only do silently.
import type { Messages } from '../i18n/messages.js';
import type { ChoiceBlock, Span } from './reply.js';

/** Characters of content one reply may hold (its markup and escaping come on top). */
export const REPLY_BUDGET = 3400;

/** What a platform adds around a span: tags or asterisks, a link's address. */
const SPAN_MARKUP = 8;
const LINK_MARKUP = 16;
const LINE_MARKUP = 3;
/** Characters that escaping lengthens (`&amp;`, `\*`): counted as the longest escape. */
const ESCAPED = /[&<>"*_~`|\\[\]()#>-]/g;

/** What a line of spans costs against REPLY_BUDGET: its text, escapes, markup and link addresses. */
export function spansCost(spans: readonly Span[]): number {
  let cost = LINE_MARKUP;
  for (const span of spans) {
    cost += span.text.length + 4 * (span.text.match(ESCAPED)?.length ?? 0);
    if (span.style !== undefined) cost += SPAN_MARKUP;
    if (span.link !== undefined) cost += span.link.length + LINK_MARKUP;
  }
  return cost;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** 1-based. */
  readonly page: number;
  readonly pages: number;
  /** The 1-based position of the page's first item among all of them. */
  readonly first: number;
  readonly total: number;
}

export interface PageLimits {
  /** What the page's items may cost together (REPLY_BUDGET less the reply's other blocks). */
  readonly budget: number;
  /** At most this many items a page, however small. */
  readonly maxItems: number;
}

/**
 * Cuts `items` into pages, in order, each as full as `limits` allow (always at least one item, so
 * an item too big for a page still gets one of its own). Pages are counted from the first item, so
 * page 1 is always the first. No items: one empty page.
 */
export function paginate<T>(items: readonly T[], cost: (item: T) => number, limits: PageLimits): Page<T>[] {
  const starts: number[] = [];
  let used = 0;
  let count = 0;
  items.forEach((item, index) => {
    const c = cost(item);
    if (index === 0 || count >= limits.maxItems || used + c > limits.budget) {
      starts.push(index);
      used = 0;
      count = 0;
    }
    used += c;
    count += 1;
  });
  if (starts.length === 0) return [{ items: [], page: 1, pages: 1, first: 1, total: 0 }];
  return starts.map((start, index) => ({
    items: items.slice(start, starts[index + 1] ?? items.length),
    page: index + 1,
    pages: starts.length,
    first: start + 1,
    total: items.length,
  }));
}

/** Page `page` of paginate's pages; undefined when there is no such page. */
export function pageOf<T>(items: readonly T[], cost: (item: T) => number, page: number, limits: PageLimits): Page<T> | undefined {
  return paginate(items, cost, limits)[page - 1];
}

/**
 * The buttons to the neighbouring pages, with the text that says how to ask for any page; null on
 * a reply that has one page. `commandFor(n)` is the command line that shows page n.
 */
export function pagerChoice(t: Messages, page: Page<unknown>, askCommand: string, commandFor: (n: number) => string): ChoiceBlock | null {
  if (page.pages <= 1) return null;
  const options: { label: string; command: string }[] = [];
  if (page.page > 1) options.push({ label: t.paging.previous(page.page - 1), command: commandFor(page.page - 1) });
  if (page.page < page.pages) options.push({ label: t.paging.next(page.page + 1), command: commandFor(page.page + 1) });
  return { kind: 'choice', prompt: t.paging.askPage(askCommand), options };
}

/** `2`, `p2`, `página 2`, `page 2` at the end of a text argument: the page asked for, and the rest. */
export function trailingPage(text: string): { readonly rest: string; readonly page: number } | undefined {
  const match = /^(?<rest>.*?)(?:^|\s+)(?:(?:p|pag|pág|pagina|página|page)\.?\s*)?(?<page>\d{1,5})$/iu.exec(text.trim());
  if (match?.groups === undefined) return undefined;
  return { rest: (match.groups['rest'] ?? '').trim(), page: Number(match.groups['page']) };
}
