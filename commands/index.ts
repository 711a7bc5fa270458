// Every command the bot serves, in the order help and menus list them.
import { createRegistry, type Registry } from '../src/core/registry.js';
import { chart } from './chart.js';
import { count } from './count.js';
import { help } from './help.js';
import { figure } from './figure.js';
import { history } from './history.js';
import { indicators } from './indicators.js';
import { lang } from './lang.js';
import { sources } from './sources.js';
import { report } from './report.js';
import { correct } from './correct.js';
import { retract } from './retract.js';
import { audit } from './audit.js';
import { admins } from './admins.js';
import { subscribe } from './subscribe.js';
import { unsubscribe } from './unsubscribe.js';
import { subscriptions } from './subscriptions.js';
import { deliveries } from './deliveries.js';

export const commands = [
  help, count, indicators, sources, history, figure, chart, subscribe, unsubscribe, subscriptions, lang,
  report, correct, retract, audit, admins, deliveries,
] as const;

/** The registry of every command (a fresh one each call: no module-level state to share). */
export function createCommandRegistry(): Registry {
  return createRegistry(commands);
}
