// /audit (/auditoria) [count]: the newest entries of the audit log — who did what, to what, when —
// for editors and owners, each action in words (`cifra corregida`, not `figure.correct`) and each
// time in CIFRAS_TIMEZONE with the zone named. Figure writes also show the value and reason they
// recorded.
import { defineCommand, type CommandContext } from '../src/core/command.js';
import { reply, strong, text, type Span } from '../src/core/reply.js';
import { listAudit, type AuditEntry } from '../src/domain/audit.js';
import { DomainError } from '../src/domain/errors.js';
import type { FigureValue } from '../src/domain/types.js';
import { formatValue } from '../src/domain/value.js';
import { formatRecordedAt } from '../src/i18n/format-recorded-at.js';

const DEFAULT_COUNT = 10;
const MAX_COUNT = 50;

export const audit = defineCommand({
  name: 'audit',
  alias: 'auditoria',
  spelledAlias: 'auditoría',
  description: {
    es: 'Los últimos cambios: quién, qué y cuándo (editores)',
    en: 'The latest changes: who, what and when (editors)',
  },
  options: [
    {
      name: 'count',
      kind: 'integer',
      names: { es: 'cantidad', en: 'count' },
      description: { es: `Cuántos cambios mostrar (1–${MAX_COUNT}, ${DEFAULT_COUNT} si no)`, en: `How many changes to show (1–${MAX_COUNT}, default ${DEFAULT_COUNT})` },
      required: false,
      min: 1,
      max: MAX_COUNT,
    },
  ],
  access: 'editor',
  handler: async (ctx, args) => {
    const count = args.count ?? DEFAULT_COUNT;
    if (count < 1 || count > MAX_COUNT) {
      throw new DomainError('invalid_field', { field: 'count', input: count, accepted: [`1–${MAX_COUNT}`] });
    }
    const entries = await listAudit(ctx.db, count);
    if (entries.length === 0) return reply(ctx.locale, text(ctx.t.admin.auditEmpty));
    return reply(ctx.locale, {
      kind: 'list',
      title: [strong(ctx.t.admin.auditTitle(entries.length))],
      items: entries.map((entry) => auditLine(entry, ctx)),
    });
  },
});

/** `29 dic 2025, 06:00 (hora de Caracas) · telegram:1 · cifra corregida · #17 · 863 → 870 (motivo)`. */
function auditLine(entry: AuditEntry, ctx: CommandContext): Span[] {
  const when = formatRecordedAt(entry.at, ctx.locale, ctx.timeZone);
  const action = ctx.t.admin.actions[entry.action] ?? entry.action;
  const line: Span[] = [{ text: `${when} · ${entry.actor} · ` }, strong(action), { text: ` · ${targetText(entry.target)}` }];
  const detail = detailOf(entry, ctx);
  if (detail !== '') line.push({ text: ` · ${detail}` });
  return line;
}

function detailOf(entry: AuditEntry, ctx: CommandContext): string {
  const value = (v: unknown): string => (isFigureValue(v) ? formatValue(v, ctx.locale) : '');
  const after = isRecord(entry.after) ? entry.after : {};
  const reason = typeof after['reason'] === 'string' ? ` (${after['reason']})` : '';
  switch (entry.action) {
    case 'figure.report': return value(after['value']);
    case 'figure.correct': return `${value(entry.before)} → ${value(after['value'])}${reason}`;
    case 'figure.retract': return reason.trim();
    default: return '';
  }
}

/** `figure:17` reads `#17`, as figures are named everywhere else; other targets as recorded. */
function targetText(target: string): string {
  const figure = /^figure:(\d+)$/.exec(target);
  return figure === null ? target : `#${figure[1]}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isFigureValue(v: unknown): v is FigureValue {
  if (!isRecord(v)) return false;
  const kind = v['kind'];
  if (kind === 'range') return typeof v['low'] === 'number' && typeof v['high'] === 'number';
  return (kind === 'exact' || kind === 'approx' || kind === 'at_least' || kind === 'at_most') && typeof v['value'] === 'number';
}
