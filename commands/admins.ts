// /admins list | grant <platform>:<user-id> | revoke <platform>:<user-id>: owners see who may
// write and grant or revoke editor rights. Owners come from CIFRAS_OWNERS and cannot be revoked
// here; every grant and revoke is audited by the domain.
import { defineCommand, type CommandContext } from '../src/core/command.js';
import { errorBlock, reply, strong, text, type Block, type Reply } from '../src/core/reply.js';
import { asOfFromStorage, formatAsOf } from '../src/domain/as-of.js';
import { grantEditor, listEditors, parseUserRef, revokeEditor, userRefText } from '../src/domain/editors.js';

export const admins = defineCommand({
  name: 'admins',
  alias: null,
  description: {
    es: 'Ver, autorizar o quitar editores (propietarios)',
    en: 'List, grant or revoke editors (owners)',
  },
  options: [
    {
      name: 'action',
      kind: 'choice',
      names: { es: 'acción', en: 'action' },
      description: { es: 'list, grant o revoke', en: 'list, grant or revoke' },
      required: true,
      choices: ['list', 'grant', 'revoke'],
    },
    {
      name: 'user',
      kind: 'string',
      names: { es: 'usuario', en: 'user' },
      description: { es: 'plataforma:id, p. ej. telegram:123456', en: 'platform:id, e.g. telegram:123456' },
      required: false,
    },
  ],
  access: 'owner',
  handler: async (ctx, args) => {
    if (args.action === 'list') return listAdmins(ctx);
    if (args.user === undefined) return reply(ctx.locale, errorBlock(ctx.t.admin.userMissing(args.action)));
    const user = parseUserRef(args.user);
    const name = userRefText(user);
    const write = { actor: ctx.actor, now: ctx.now };
    if (args.action === 'grant') {
      const { changed } = await grantEditor(ctx.db, user, write);
      return reply(ctx.locale, text(changed ? ctx.t.admin.granted(name) : ctx.t.admin.alreadyEditor(name)));
    }
    const { changed } = await revokeEditor(ctx.db, user, write, ctx.owners);
    return reply(ctx.locale, text(changed ? ctx.t.admin.revoked(name) : ctx.t.admin.notEditor(name)));
  },
});

async function listAdmins(ctx: CommandContext): Promise<Reply> {
  const owners = ctx.owners;
  const editors = await listEditors(ctx.db);
  const blocks: Block[] = [
    { kind: 'list', title: [strong(ctx.t.admin.ownersTitle)], items: owners.map((o) => [{ text: userRefText(o) }]) },
    ...(owners.length === 0 ? [text(ctx.t.admin.noOwners)] : []),
    {
      kind: 'list',
      title: [strong(ctx.t.admin.editorsTitle)],
      items: editors.map((e) => [
        { text: `${userRefText(e)} — ` },
        { text: ctx.t.admin.grantedBy(e.grantedBy, formatAsOf(asOfFromStorage(e.grantedAt.slice(0, 10)), ctx.locale)) },
      ]),
    },
    ...(editors.length === 0 ? [text(ctx.t.admin.noEditors)] : []),
  ];
  return reply(ctx.locale, ...blocks);
}
