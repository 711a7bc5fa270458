// Sends rendered messages in answer to an update. An answer of one message travels in the webhook
// response: grammY's webhook reply, which ctx.api uses when the update came through the webhook
// (the envelope is per request: it travels with the update). An answer of several goes through
// `directApi` (no webhook envelope), part by part, recorded as each is accepted (send-parts.ts):
// a re-delivered update finishes it instead of sending it again from the start.
import { GrammyError, type Api, type Context } from 'grammy';
import { HTML_OPTIONS, type TelegramMessage } from './render.js';
import { sendParts, type PartsDeps } from './send-parts.js';
import { sendChartPhoto, type KeptPhotos } from './send-photo.js';

interface Target {
  readonly chatId: number;
  readonly extra: Record<string, unknown>;
}

/** Where the answer goes: the chat, its forum topic, and the message answered in a group. */
function target(ctx: Context): Target | null {
  const chat = ctx.chat;
  if (chat === undefined) return null;
  const msg = ctx.msg;
  const extra: Record<string, unknown> = {};
  if (msg !== undefined && 'is_topic_message' in msg && msg.is_topic_message === true && msg.message_thread_id !== undefined) {
    extra.message_thread_id = msg.message_thread_id;
  }
  // In a group, quote the command so the answer is visibly to it; a deleted command is no reason to fail.
  if ((chat.type === 'group' || chat.type === 'supergroup') && ctx.message !== undefined) {
    extra.reply_parameters = { message_id: ctx.message.message_id, allow_sending_without_reply: true };
  }
  return { chatId: chat.id, extra };
}

/** Sends the messages answering a command message or channel post: one through ctx.api, several part by part. */
export async function sendReply(ctx: Context, directApi: Api, messages: readonly TelegramMessage[], photos: KeptPhotos, parts: PartsDeps): Promise<void> {
  const to = target(ctx);
  if (to === null) return;
  const [only] = messages;
  if (messages.length > 1) {
    // A chart is always an answer of its own (render.ts): several messages are text.
    await sendParts(directApi, to, messages, String(ctx.update.update_id), parts);
  } else if (only?.photo !== undefined) {
    const other = { caption: only.text, parse_mode: HTML_OPTIONS.parse_mode, ...to.extra, ...markup(only) };
    await sendChartPhoto(ctx.api, directApi, { chatId: to.chatId, chart: only.photo, other }, photos);
  } else if (only !== undefined) {
    await ctx.api.sendMessage(to.chatId, only.text, { ...HTML_OPTIONS, ...to.extra, ...markup(only) });
  }
}

/**
 * Answers a button press: the message holding the buttons becomes the answer (so the question
 * and its buttons do not linger), further messages follow part by part (send-parts.ts), and the
 * callback query is answered last — in the webhook response — to stop the button's spinner.
 */
export async function answerButton(ctx: Context, directApi: Api, messages: readonly TelegramMessage[], photos: KeptPhotos, parts: PartsDeps): Promise<void> {
  const to = target(ctx);
  const messageId = ctx.callbackQuery?.message?.message_id;
  const [first, ...rest] = messages;
  if (to !== null && first?.photo !== undefined) {
    // A text message cannot become a photo: the chart follows the question.
    const other = { caption: first.text, parse_mode: HTML_OPTIONS.parse_mode, ...to.extra, ...markup(first) };
    await sendChartPhoto(directApi, directApi, { chatId: to.chatId, chart: first.photo, other }, photos);
  } else if (to !== null && first !== undefined) {
    if (messageId !== undefined) await editInPlace(directApi, to.chatId, messageId, first);
    const following = messageId === undefined ? messages : rest;
    if (following.length > 0) await sendParts(directApi, to, following, String(ctx.update.update_id), parts);
  }
  await ctx.answerCallbackQuery();
}

/** Rewrites the question; already rewritten (the press was re-delivered) is done too. */
async function editInPlace(api: Api, chatId: number, messageId: number, message: TelegramMessage): Promise<void> {
  try {
    await api.editMessageText(chatId, messageId, message.text, { ...HTML_OPTIONS, ...markup(message) });
  } catch (error) {
    if (!(error instanceof GrammyError && /message is not modified/i.test(error.description))) throw error;
  }
}

function markup(message: TelegramMessage): Record<string, unknown> {
  return message.reply_markup === undefined ? {} : { reply_markup: message.reply_markup };
}
