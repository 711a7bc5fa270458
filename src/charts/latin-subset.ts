// resvg reads a font's whole file again for every glyph it draws (strace: ~15 opens per label), so
// a chart's text costs in proportion to the TTF's size: DejaVu Sans is 740 KiB, and the text of a
// 20-source chart was half of a cold PNG. A subset holding only what Spanish and English texts use
// (Latin, Latin-1, Latin Extended-A, dashes, quotes, ≤ ≥) is 50 KiB; loaded before the full font
// under the same family, it draws nearly every glyph, and resvg falls back to the full font for any
// other letter a source's name may hold (Cyrillic, Greek…), so nothing goes missing.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import subsetFont from 'subset-font';

const RANGES: readonly (readonly [number, number])[] = [
  [0x20, 0x7e],
  [0xa0, 0x17f],
  [0x2010, 0x2026],
  [0x2212, 0x2212],
  [0x2264, 0x2265],
  [0x20ac, 0x20ac],
  [0xfffd, 0xfffd],
];

const LATIN_TEXT = RANGES.map(([from, to]) => String.fromCodePoint(...Array.from({ length: to - from + 1 }, (_, i) => from + i))).join('');

/**
 * The Latin subset of a font file, as a file (resvg takes paths): made once per font and kept in
 * the temp folder under a name from the font's contents, so later processes reuse it. Written
 * under a temporary name and renamed, so a process never reads a half-written file.
 */
export async function latinSubsetFile(fontFile: string, folder = join(tmpdir(), 'cifras-chart-fonts')): Promise<string> {
  const font = await readFile(fontFile);
  const hash = createHash('sha256').update(font).update(LATIN_TEXT).digest('hex').slice(0, 16);
  const target = join(folder, `${basename(fontFile, '.ttf')}-latin-${hash}.ttf`);
  if (await exists(target)) return target;
  await mkdir(folder, { recursive: true });
  const partial = `${target}.${process.pid}.${Date.now()}`;
  await writeFile(partial, await subsetFont(font, LATIN_TEXT, { targetFormat: 'truetype' }));
  await rename(partial, target);
  return target;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.size > 0,
    () => false,
  );
}
