// Text in an SVG: escaped (a source's name is data, never markup) and measured without a DOM.
// The widths are estimates for DejaVu Sans, the font the PNG is drawn with (Verdana, its fallback
// in browsers, is as wide); they err on the wide side so that laid-out text never overlaps.

// Characters XML 1.0 does not allow at all (C0 controls but tab and newlines, lone surrogates,
// U+FFFE/U+FFFF): an SVG holding one is not well-formed and would not render.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe inside an element or a quoted attribute. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

const NARROW = new Set([...' .,:;\'!|iljtfrI()[]-']);
const WIDE = new Set([...'mwMWOQGCD@%—']);

/** The width `text` takes at `size` px, estimated generously. */
export function textWidth(text: string, size: number): number {
  let em = 0;
  for (const c of text) em += NARROW.has(c) ? 0.4 : WIDE.has(c) ? 0.95 : c >= 'A' && c <= 'Z' ? 0.75 : 0.64;
  return em * size;
}

/**
 * `text` in lines no wider than `width`: broken at spaces, and inside a word only when the word
 * alone is wider than a line.
 */
export function wrapText(text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (textWidth(candidate, size) <= width) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    line = '';
    for (const c of word) {
      if (line !== '' && textWidth(line + c, size) > width) {
        lines.push(line);
        line = '';
      }
      line += c;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}
