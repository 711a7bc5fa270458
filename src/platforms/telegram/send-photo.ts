// A chart sent as a photo. The first time an image is sent it is uploaded (multipart sendPhoto
// with the PNG, through the Bot API itself: a webhook reply cannot carry a file, and the answer
// holds the file_id); the file_id is kept in the database under the image and its data version,
// so every replica sends the same image again by reference — without drawing it — until a write
// changes the data.
import { InputFile, type Api } from 'grammy';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { keepFile, keptFile } from '../../domain/kept-files.js';
import type { ChartBlock } from '../../core/reply.js';

/** Where the file_ids of uploaded images are kept. */
export interface KeptPhotos {
  get(chart: ChartBlock): Promise<string | undefined>;
  keep(chart: ChartBlock, fileId: string): Promise<void>;
}

const PLATFORM = 'telegram';

/** KeptPhotos in the kept_files table. */
export function keptPhotos(db: Kysely<Database>, now: () => Date): KeptPhotos {
  return {
    get: (chart) => (chart.version < 0 ? Promise.resolve(undefined) : keptFile(db, PLATFORM, chart.image, chart.version)),
    keep: (chart, fileId) => (chart.version < 0 ? Promise.resolve() : keepFile(db, PLATFORM, chart.image, chart.version, fileId, now())),
  };
}

export interface PhotoCall {
  readonly chatId: number;
  readonly chart: ChartBlock;
  /** caption, parse_mode, reply_markup, reply_parameters… */
  readonly other: Record<string, unknown>;
}

/**
 * Sends the chart: by its kept file_id through `api` (which may be the webhook reply), else
 * uploaded through `directApi`, keeping the file_id Telegram answers with.
 */
export async function sendChartPhoto(api: Api, directApi: Api, call: PhotoCall, photos: KeptPhotos): Promise<void> {
  const fileId = await photos.get(call.chart);
  if (fileId !== undefined) {
    await api.sendPhoto(call.chatId, fileId, call.other);
    return;
  }
  const sent = await directApi.sendPhoto(call.chatId, new InputFile(await call.chart.png(), call.chart.fileName), call.other);
  // The largest size is the one uploaded; any of them can be re-sent by its file_id.
  const largest = sent.photo.at(-1);
  if (largest !== undefined) await photos.keep(call.chart, largest.file_id);
}
