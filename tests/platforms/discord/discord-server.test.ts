// Discord mounted the way the composition root mounts it (composeApp): its front door's routes
// inside the real HTTP app (its middleware and error boundary), and its service draining
// follow-ups on stop.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/connect.js';
import { loadConfig, type Env } from '../../../src/config.js';
import { seedIfEmpty } from '../../../src/domain/seed.js';
import type { App } from '../../../src/http/app.js';
import { createLogger } from '../../../src/logger.js';
import { composeApp, type ComposedApp } from '../../../src/main.js';
import { createMetrics, type Metrics } from '../../../src/metrics.js';
import { startFakeDiscordApi, type FakeDiscordApi } from '../../fakes/fake-discord-api.js';
import { dialects } from '../../support/databases.js';
import { createInteractionSigner } from '../../support/discord-signing.js';
import { APPLICATION_ID, NOW, envelope, slashCommand } from './interaction-harness.js';

const signer = createInteractionSigner();

function appWith(handle: DatabaseHandle, env: Env): ComposedApp & { metrics: Metrics } {
  const metrics = createMetrics();
  return { ...composeApp({ handle, config: loadConfig(env), logger: createLogger({ level: 'silent' }), metrics, now: () => NOW }), metrics };
}

async function post(app: App, interaction: object, sign = true): Promise<Response> {
  const body = JSON.stringify(interaction);
  return app.request('/discord/interactions', { method: 'POST', body, headers: { 'content-type': 'application/json', ...(sign ? signer.sign(body) : {}) } });
}

for (const dialect of dialects) {
  describe.skipIf(!dialect.available)(`Discord's front door in the HTTP app (${dialect.name})`, () => {
    let handle: DatabaseHandle;
    let api: FakeDiscordApi;
    beforeEach(async () => {
      handle = await dialect.open();
      await seedIfEmpty(handle.db, { actor: 'seed', now: new Date('2025-12-26T00:00:00Z') });
      api = await startFakeDiscordApi();
    });
    afterEach(async () => {
      await api.close();
      await handle.close();
    });

    it('serves signed interactions at POST /discord/interactions and refuses unsigned ones', async () => {
      const { app, metrics: appMetrics, services } = appWith(handle, {
        DISCORD_APPLICATION_ID: APPLICATION_ID,
        DISCORD_PUBLIC_KEY: signer.publicKeyHex,
        DISCORD_BOT_TOKEN: 'bot-token',
        DISCORD_API_BASE: api.url,
      });
      const pong = await post(app, envelope(1));
      expect(pong.status).toBe(200);
      expect(await pong.json()).toEqual({ type: 1 });

      const count = await post(app, slashCommand('count', { indicator: 'presos políticos' }, { locale: 'es-419' }));
      const body = (await count.json()) as { type: number; data: { embeds: { description: string }[] } };
      expect(body.type).toBe(4);
      expect(body.data.embeds[0]?.description).toContain('**Foro Penal**: 902 · al 20 dic 2025');

      expect((await post(app, envelope(1), false)).status).toBe(401);
      const metrics = await appMetrics.registry.metrics();
      expect(metrics).toContain('webhook_rejected_total{platform="discord",reason="missing_signature"} 1');
      expect(metrics).toContain('commands_total{command="count",platform="discord",outcome="ok"} 1');
      expect(services).toHaveLength(1);
      for (const start of services) await (await start()).stop();
    });

    it('mounts nothing when Discord is off', async () => {
      const { app } = appWith(handle, {});
      expect((await post(app, envelope(1))).status).toBe(404);
    });
  });
}
