// Telegram HTML rendering: every string escaped, styles from structure only, choice buttons within
// Telegram's 64-byte callback_data, long replies split at line boundaries within 4096 characters.
import { describe, expect, it } from 'vitest';
import { errorBlock, link, reply, strong, text, code, type ListBlock } from '../../../src/core/reply.js';
import { decodeCallbackData, encodeCallbackData } from '../../../src/platforms/telegram/callback-data.js';
import { MAX_MESSAGES, MESSAGE_MAX_CHARS, renderTelegramHtml } from '../../../src/platforms/telegram/render.js';

/** Every opened tag is closed in the same message. */
function balanced(html: string): boolean {
  const stack: string[] = [];
  for (const [, closing, name] of html.matchAll(/<(\/?)([a-z]+)[^>]*>/g)) {
    if (closing === '') stack.push(name ?? '');
    else if (stack.pop() !== name) return false;
  }
  return stack.length === 0;
}

describe('renderTelegramHtml', () => {
  it('escapes text, styles and links and keeps only http(s) links', () => {
    const [message] = renderTelegramHtml(
      reply('en', text('a < b & ', strong('<i>'), ' ', code('x>y'), ' ', link('"here"', 'https://e.org/?a=1&b="2"'), ' ', link('js', 'javascript:alert(1)'))),
    );
    expect(message?.text).toBe(
      'a &lt; b &amp; <b>&lt;i&gt;</b> <code>x&gt;y</code> <a href="https://e.org/?a=1&amp;b=&quot;2&quot;">&quot;here&quot;</a> js',
    );
    expect(message?.reply_markup).toBeUndefined();
  });

  it('renders an error with its hint', () => {
    const [message] = renderTelegramHtml(reply('es', errorBlock('Falta <el> indicador', 'Uso: /cifras [indicador]')));
    expect(message?.text).toBe('⚠️ Falta &lt;el&gt; indicador\nUso: /cifras [indicador]');
  });

  it('turns a choice into one button a row, each running its command', () => {
    const messages = renderTelegramHtml(
      reply('es', {
        kind: 'choice',
        prompt: '¿Cuál "uno"?',
        options: [
          { label: 'Presos políticos', command: '/count political-prisoners' },
          { label: 'Violencia <política>', command: '/count political-violence' },
        ],
      }),
    );
    expect(messages).toEqual([
      {
        text: '¿Cuál &quot;uno&quot;?',
        reply_markup: {
          inline_keyboard: [
            [{ text: 'Presos políticos', callback_data: '/count political-prisoners' }],
            // Button labels are plain text to Telegram: not escaped.
            [{ text: 'Violencia <política>', callback_data: '/count political-violence' }],
          ],
        },
      },
    ]);
  });

  it('splits a long reply at line boundaries, each message within 4096 characters with balanced tags', () => {
    const items = Array.from({ length: 200 }, (_, i) => [strong(`Source ${i} & co`), { text: ` — ${'x'.repeat(40)}` }]);
    const list: ListBlock = { kind: 'list', title: [strong('Many')], items };
    const messages = renderTelegramHtml(reply('en', list));
    expect(messages.length).toBeGreaterThan(1);
    expect(messages.length).toBeLessThanOrEqual(MAX_MESSAGES);
    for (const message of messages) {
      expect(message.text.length).toBeLessThanOrEqual(MESSAGE_MAX_CHARS);
      expect(balanced(message.text)).toBe(true);
    }
    const all = messages.map((m) => m.text).join('\n');
    expect(all).toContain('<b>Source 0 &amp; co</b>');
    expect(all).toContain('<b>Source 199 &amp; co</b>');
  });

  it('cuts a reply longer than the message budget with a note in its language', () => {
    const items = Array.from({ length: 3000 }, (_, i) => [{ text: `line ${i} ${'y'.repeat(30)}` }]);
    const messages = renderTelegramHtml(reply('es', { kind: 'list', title: null, items }));
    expect(messages).toHaveLength(MAX_MESSAGES);
    const last = messages.at(-1)?.text ?? '';
    expect(last.endsWith('… (respuesta recortada)')).toBe(true);
    expect(last.length).toBeLessThanOrEqual(MESSAGE_MAX_CHARS);
  });

  it('cuts a single line too long for any message', () => {
    const messages = renderTelegramHtml(reply('en', text(strong('<'.repeat(5000)))));
    expect(messages).toHaveLength(1);
    expect(messages[0]?.text.length).toBeLessThanOrEqual(MESSAGE_MAX_CHARS);
    expect(messages[0]?.text.startsWith('&lt;&lt;')).toBe(true);
  });
});

describe('callback data', () => {
  it('round-trips a command line', () => {
    expect(decodeCallbackData(encodeCallbackData('/count political-prisoners'))).toEqual({
      commandName: 'count',
      rawArgs: 'political-prisoners',
    });
    expect(decodeCallbackData('not a command')).toBeNull();
  });

  it('stays within 64 bytes for the longest slug', () => {
    const data = encodeCallbackData(`/count ${'ñ'.repeat(64)}`);
    expect(Buffer.byteLength(data, 'utf8')).toBeLessThanOrEqual(64);
    expect(data.startsWith('/count ñ')).toBe(true);
  });
});
