// Whether a user administers a group, asked of Telegram (getChatMember) and remembered briefly:
// a burst of admin commands in one group costs one Bot API call, and a demotion takes effect
// within the TTL.

/** The slice of the Bot API the cache needs (grammY's Api satisfies it). */
export interface ChatMemberApi {
  getChatMember(chatId: number, userId: number): Promise<{ status: string }>;
}

export interface ChatAdminCacheOptions {
  readonly ttlMs?: number;
  /** Entries kept at most; the oldest is forgotten first. */
  readonly maxEntries?: number;
  readonly now?: () => number;
}

export interface ChatAdminCache {
  isAdmin(api: ChatMemberApi, chatId: number, userId: number): Promise<boolean>;
}

const ADMIN_STATUSES = new Set(['creator', 'administrator']);

export function createChatAdminCache(options: ChatAdminCacheOptions = {}): ChatAdminCache {
  const ttlMs = options.ttlMs ?? 60_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { admin: boolean; expires: number }>();
  return {
    async isAdmin(api, chatId, userId) {
      const key = `${chatId}:${userId}`;
      const cached = entries.get(key);
      if (cached !== undefined && cached.expires > now()) return cached.admin;
      const member = await api.getChatMember(chatId, userId);
      const admin = ADMIN_STATUSES.has(member.status);
      entries.delete(key);
      entries.set(key, { admin, expires: now() + ttlMs });
      // Maps iterate in insertion order: the first key is the oldest.
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value ?? key);
      return admin;
    },
  };
}
