// The flood-control windows on their own (the webhook tests drive them through the platforms):
// no minute holds more than the limit, the first refusal gets the notice and the rest of that
// minute silence, a private chat has only its user's limit, 0 turns a limit off, and memory stays
// bounded under a flood of distinct ids.
import { describe, expect, it } from 'vitest';
import { createCommandLimiter, type Admission, type LimitKind } from '../../src/core/command-limiter.js';
import type { Invocation } from '../../src/core/invocation.js';

const T0 = Date.parse('2026-03-01T12:00:00Z');
const at = (ms: number): Date => new Date(T0 + ms);

function from(userId: string, chatId = '-100', type: Invocation['chat']['type'] = 'group'): Pick<Invocation, 'platform' | 'user' | 'chat'> {
  return { platform: 'telegram', user: { platform: 'telegram', id: userId, isChatAdmin: false }, chat: { id: chatId, type } };
}

const refused = (limit: LimitKind, notice: boolean, retryAfterSeconds: number): Admission => ({ kind: 'refused', limit, notice, retryAfterSeconds });
const admitted: Admission = { kind: 'admitted' };

describe('command limiter', () => {
  it('admits the limit in a minute, then one notice, then silence, and frees a slot a minute after each answer', () => {
    const limiter = createCommandLimiter({ perUserPerMinute: 3, perChatPerMinute: 0 });
    const a = from('1');
    expect([0, 1_000, 2_000].map((ms) => limiter.admit(a, at(ms)))).toEqual([admitted, admitted, admitted]);
    expect(limiter.admit(a, at(10_000))).toEqual(refused('user', true, 50));
    expect(limiter.admit(a, at(20_000))).toEqual(refused('user', false, 40));
    // The first answer is a minute old: one slot, taken; the next is silent (the notice was 50 s ago).
    expect(limiter.admit(a, at(60_001))).toEqual(admitted);
    expect(limiter.admit(a, at(60_500))).toEqual(refused('user', false, 1));
  });

  it('never answers more than the limit in any minute under a steady flood, with at most one notice a minute', () => {
    const limiter = createCommandLimiter({ perUserPerMinute: 5, perChatPerMinute: 0 });
    const answered: number[] = [];
    let notices = 0;
    for (let ms = 0; ms < 300_000; ms += 250) {
      const admission = limiter.admit(from('1'), at(ms));
      if (admission.kind === 'admitted') answered.push(ms);
      else if (admission.notice) notices++;
    }
    for (const start of answered) expect(answered.filter((ms) => ms >= start && ms < start + 60_000).length).toBeLessThanOrEqual(5);
    expect(answered.length).toBe(25);
    expect(notices).toBe(5);
  });

  it('counts a chat across its members and a user across chats; a private chat has only its user\'s limit', () => {
    const limiter = createCommandLimiter({ perUserPerMinute: 3, perChatPerMinute: 4 });
    expect([1, 2, 3].map(() => limiter.admit(from('1'), at(0)).kind)).toEqual(['admitted', 'admitted', 'admitted']);
    expect(limiter.admit(from('1'), at(0))).toEqual(refused('user', true, 60));
    // The chat has room for one more, from someone else; then it is full for everyone.
    expect(limiter.admit(from('2'), at(1_000))).toEqual(admitted);
    expect(limiter.admit(from('2'), at(2_000))).toEqual(refused('chat', true, 58));
    expect(limiter.admit(from('3'), at(3_000))).toEqual(refused('chat', false, 57));
    // User 1 is at its limit in every chat, and was told already; user 2 is not, elsewhere.
    expect(limiter.admit(from('1', '-200'), at(3_000))).toEqual(refused('user', false, 57));
    expect(limiter.admit(from('2', '-200'), at(3_000))).toEqual(admitted);
    // In a private chat only the user's limit applies, however low the chat's is.
    const lowChat = createCommandLimiter({ perUserPerMinute: 3, perChatPerMinute: 1 });
    expect([1, 2, 3].map(() => lowChat.admit(from('9', '9', 'private'), at(0)).kind)).toEqual(['admitted', 'admitted', 'admitted']);
  });

  it('keeps platforms apart: the same id on Telegram and Discord is two users', () => {
    const limiter = createCommandLimiter({ perUserPerMinute: 1, perChatPerMinute: 0 });
    const discord: Pick<Invocation, 'platform' | 'user' | 'chat'> = { platform: 'discord', user: { platform: 'discord', id: '1', isChatAdmin: false }, chat: { id: '-100', type: 'guild' } };
    expect(limiter.admit(from('1'), at(0))).toEqual(admitted);
    expect(limiter.admit(discord, at(0))).toEqual(admitted);
  });

  it('turns a limit off with 0', () => {
    const off = createCommandLimiter({ perUserPerMinute: 0, perChatPerMinute: 0 });
    expect(Array.from({ length: 500 }, () => off.admit(from('1'), at(0)).kind).every((kind) => kind === 'admitted')).toBe(true);
    const chatOnly = createCommandLimiter({ perUserPerMinute: 0, perChatPerMinute: 2 });
    expect([1, 2, 3].map(() => chatOnly.admit(from('1'), at(0)).kind)).toEqual(['admitted', 'admitted', 'refused']);
  });

  it('forgets the least recently seen first when a flood of distinct ids fills its memory', () => {
    const limiter = createCommandLimiter({ perUserPerMinute: 1, perChatPerMinute: 0 }, { maxTracked: 20 });
    expect(limiter.admit(from('first'), at(0))).toEqual(admitted);
    expect(limiter.admit(from('first'), at(0)).kind).toBe('refused');
    for (let id = 0; id < 50; id++) expect(limiter.admit(from(`u${id}`), at(1)).kind).toBe('admitted');
    // Bounded memory has a price: an id pushed out starts afresh.
    expect(limiter.admit(from('first'), at(2))).toEqual(admitted);
    // The most recent are still held.
    expect(limiter.admit(from('u49'), at(3)).kind).toBe('refused');
  });

  it('counts every refusal and each notice by platform and limit', () => {
    const seen: string[] = [];
    const counter = (name: string) => ({ inc: (labels: { platform: string; limit: string }) => seen.push(`${name} ${labels.platform} ${labels.limit}`) });
    const limiter = createCommandLimiter({ perUserPerMinute: 1, perChatPerMinute: 0 }, { counters: { refused: counter('refused'), notices: counter('notice') } });
    for (let i = 0; i < 3; i++) limiter.admit(from('1'), at(0));
    expect(seen).toEqual(['refused telegram user', 'notice telegram user', 'refused telegram user']);
  });
});
