// A progress bar for long imports, shown only to a person watching a terminal: piped output and
// CI logs get the summary line alone.
import cliProgress from 'cli-progress';

/** Files shorter than this finish before a bar would be worth drawing. */
export const PROGRESS_THRESHOLD = 1000;

export interface Progress {
  update(done: number): void;
  stop(): void;
}

export function createProgress(total: number, stream: NodeJS.WriteStream): Progress {
  if (total <= PROGRESS_THRESHOLD || !stream.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { stream, format: 'importing figures [{bar}] {value}/{total}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}
