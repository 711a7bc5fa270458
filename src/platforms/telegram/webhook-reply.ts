// The answer that rides in the webhook response, serialized by cifras rather than by grammY.
//
// grammY's webhook reply serializes every call afresh (JSON.stringify with a replacer) and hands
// the adapter a string that Node then measures and encodes to UTF-8 again. A /count answer is a
// few kilobytes of non-ASCII text that is the same for every chat asking the same question: its
// text is escaped and encoded once, per rendered message, and each response is that buffer with
// the chat's own fields around it. Measured with `npm run bench:webhook -- --cases a,b,f`: a
// cached /count's server CPU fell from 0.26–0.28 to 0.19 ms.
//
// The webhook adapter opens a slot for each update it reads (`openWebhookReply`); the bot offers
// its last message to it (`offerWebhookReply`), and the adapter sends what was offered as the
// response body. Without a free slot (long polling; grammY's own webhook reply already sent; a
// message already offered) the offer is refused and the caller sends the message through the Bot
// API as usual.
import type { Update } from 'grammy/types';
import { HTML_OPTIONS, type TelegramMessage } from './render.js';

/** What the adapter sends back: the offered body, or nothing yet. */
export interface WebhookReplySlot {
  body: Uint8Array<ArrayBuffer> | null;
  /**
   * Set by the adapter once the response is on its way (grammY sent a webhook reply of its own, or
   * the update ended): nothing offered after that could reach Telegram, so offers are refused.
   */
  closed: boolean;
}

const slots = new WeakMap<Update, WebhookReplySlot>();

/** Called by the webhook adapter for the update it has just parsed. */
export function openWebhookReply(update: Update): WebhookReplySlot {
  const slot: WebhookReplySlot = { body: null, closed: false };
  slots.set(update, slot);
  return slot;
}

/**
 * Puts `sendMessage(chatId, message, extra)` in the webhook response of `update`, if it has one
 * that is still free. False: the caller must send the message itself.
 */
export function offerWebhookReply(update: Update, chatId: number, message: TelegramMessage, extra: Record<string, unknown>): boolean {
  const slot = slots.get(update);
  if (slot === undefined || slot.closed || slot.body !== null) return false;
  slot.body = sendMessageBody(chatId, message, extra);
  return true;
}

const encoder = new TextEncoder();
/** `"text":"…"` for each rendered message, JSON-escaped and UTF-8 encoded once. */
const encodedTexts = new WeakMap<TelegramMessage, Uint8Array>();
/** The fields after the text when there is nothing else to add: the same for every private chat. */
const PLAIN_TAIL = encoder.encode(`,${JSON.stringify(HTML_OPTIONS).slice(1)}`);

function sendMessageBody(chatId: number, message: TelegramMessage, extra: Record<string, unknown>): Uint8Array<ArrayBuffer> {
  let text = encodedTexts.get(message);
  if (text === undefined) {
    text = encoder.encode(JSON.stringify(message.text));
    encodedTexts.set(message, text);
  }
  const head = `{"method":"sendMessage","chat_id":${JSON.stringify(chatId)},"text":`;
  const more = message.reply_markup === undefined ? extra : { ...extra, reply_markup: message.reply_markup };
  const tail = Object.keys(more).length === 0 ? PLAIN_TAIL : encoder.encode(`,${JSON.stringify({ ...HTML_OPTIONS, ...more }).slice(1)}`);
  // The head is ASCII (digits and a minus sign besides the fixed text): one byte a character.
  const body = takeBytes(head.length + text.length + tail.length);
  encoder.encodeInto(head, body);
  body.set(text, head.length);
  body.set(tail, head.length + text.length);
  return body;
}

/**
 * Bodies are cut from 64 KiB slabs, as Node cuts small Buffers from its 8 KiB pool: one allocation
 * for a dozen answers rather than one each. A slab is never written again once a body has been
 * handed out of it; it is freed when its last body has been sent.
 */
const SLAB_BYTES = 64 * 1024;
let slab = new Uint8Array(SLAB_BYTES);
let slabUsed = 0;

function takeBytes(length: number): Uint8Array<ArrayBuffer> {
  if (length > SLAB_BYTES / 4) return new Uint8Array(length);
  if (slabUsed + length > SLAB_BYTES) {
    slab = new Uint8Array(SLAB_BYTES);
    slabUsed = 0;
  }
  const bytes = slab.subarray(slabUsed, slabUsed + length);
  slabUsed += length;
  return bytes;
}
