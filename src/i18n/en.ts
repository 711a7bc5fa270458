// English.
import { apiEn } from './api-en.js';
import type { Messages } from './messages.js';
import { formatNumber, MAX_STORED_INTEGER } from '../domain/value.js';
import { clip, echo, firstParam, list, param, suggested } from './params.js';

const MAX = formatNumber(MAX_STORED_INTEGER, 'en');
const VALUE_FORMS = '902 (exact), ~2400 (approximate), >=60 or 60+ (at least), <=75 (at most) and 60-75 (range)';
const DATE_FORMS = 'YYYY-MM-DD, YYYY-MM or YYYY (for example 2025-12-20)';

/** Field names as a reader knows them; the API's own name follows in parentheses where it is not a word. */
const FIELDS: Readonly<Record<string, string>> = {
  count: 'count',
  note: 'note',
  reason: 'reason',
  kind: 'kind',
  name: 'name',
  'name.es': 'Spanish name',
  'name.en': 'English name',
  staleAfterDays: 'days until stale (staleAfterDays)',
  limit: 'limit',
  lang: 'language (lang)',
  format: 'format',
  url: 'link',
  period: 'period',
};

/** `about 40 seconds`, `1 second`: about how long flood control asks to wait. */
const secondsEn = (seconds: number): string => (seconds === 1 ? '1 second' : `about ${seconds} seconds`);

export const en = {
  languageName: { es: 'Spanish', en: 'English' },
  help: {
    intro:
      'I answer "how many?" about contested figures — political prisoners, releases, the disappeared — ' +
      "with each source's latest count, its date and its link, side by side.",
    commandsTitle: 'Commands',
    argumentsTitle: 'Arguments',
    optional: 'optional',
    tryThis: 'Try: /count political prisoners',
  },
  summary: {
    asOf: 'as of',
    stale: 'stale',
    spread: 'Spread across sources',
    empty: 'There are no figures for this indicator yet.',
    period: 'period',
    corrected: 'corrected',
  },
  count: {
    allTitle: 'Latest figures',
    noFigures: 'no figures yet',
    allHint: (command) => `Type ${command} followed by an indicator to see each source with its date and link.`,
    noIndicators: 'There are no indicators yet.',
    sources: (count) => (count === 1 ? '1 source' : `${count} sources`),
    webPage: 'Full history and chart',
    webAll: 'Every figure on the web',
  },
  paging: {
    page: (page, pages) => `page ${page} of ${pages}`,
    next: (page) => `Page ${page} ▸`,
    previous: (page) => `◂ Page ${page}`,
    askPage: (command) => `For another page, type ${command} followed by its number, or use the buttons.`,
    left: (count, what) => `${count} more ${what} on the next pages.`,
    noSuchPage: (page, pages) => (pages === 1 ? `There is no page ${page}: everything fits on one.` : `There is no page ${page}: there are ${pages}.`),
    indicators: 'indicators',
    figures: 'figures',
    sources: 'sources',
  },
  lookup: {
    ambiguous: (input) => `"${clip(input)}" could mean several indicators. Which one?`,
    none: (input) => `I found no indicator matching "${clip(input)}". These are the ones available:`,
    related: (input) => `No indicator matches all of "${clip(input)}". Is it one of these?`,
  },
  indicators: {
    title: 'Indicators',
    kind: { stock: 'count at a date', flow: 'count over a period' },
  },
  sources: {
    title: 'Sources',
    empty: 'There are no sources yet.',
    kind: {
      ngo: 'NGO',
      government: 'government',
      media: 'media',
      international: 'international body',
      other: 'other',
    },
    homepage: 'Website',
    noHomepage: 'no website',
    hint: (command) => `Type ${command} followed by a source's name to see its description.`,
  },
  history: {
    title: (indicator, source) => (source === null ? `History: ${indicator}` : `History: ${indicator} — ${source}`),
    empty: 'No figures have been recorded.',
    retracted: 'RETRACTED',
    revision: { report: 'recorded', correction: 'corrected', retraction: 'retracted' },
    reason: 'reason',
    asOf: 'as of',
    period: 'period',
    note: 'note',
    cut: (command) => `cut short; ${command} shows it whole`,
    range: (first, last, total) =>
      first === last ? `Figure ${first} of ${total}.` : `Figures ${first}–${last} of ${total}, newest first.`,
  },
  figure: {
    title: (id, indicator) => `Figure #${id} · ${indicator}`,
    source: 'Source',
    link: 'Link',
    revisions: 'Revisions',
    webPage: 'On the web',
    moreRevisions: (count) =>
      count === 1 ? '1 revision in between is left out: it does not fit in a message.' : `${count} revisions in between are left out: they do not fit in a message.`,
  },
  lang: {
    set: (language) => `Done: I will answer in ${language} in this chat.`,
  },
  errors: {
    invalid_value: (p) => `"${echo(p, 'input')}" is not a valid figure. Accepted: ${VALUE_FORMS}.`,
    value_too_large: (p) => `"${echo(p, 'input')}" is more than can be recorded: a figure goes up to ${MAX}.`,
    unsafe_text: (p) =>
      `The field "${param(p, 'field')}" holds an invisible character (${param(p, 'character')}) that can change how the text ` +
      'after it is shown, or upset the database: remove it and send it again. Nothing was saved.',
    invalid_date: (p) => `"${echo(p, 'input')}" is not a valid date. Use ${DATE_FORMS}.`,
    future_date: (p) => `The date ${echo(p, 'input')} is in the future: a figure can only be as of today or earlier.`,
    invalid_period: (p) =>
      param(p, 'reason') === 'stock'
        ? `The indicator "${param(p, 'indicator')}" is a count as of a date: its figures take no period. ` +
          'Leave the period out, or record the figure under an indicator that counts what happened over a period.'
        : `The period ${param(p, 'from')} – ${param(p, 'to')} is not valid: use two dates ${DATE_FORMS}, ` +
      'the first not after the second and neither in the future.',
    invalid_url: (p) =>
      param(p, 'reason') === 'too_long'
        ? `The link is too long: it has ${param(p, 'length')} characters and at most ${param(p, 'max')} are accepted. Use a shorter link to the same page (without tracking parameters, for example).`
        : `"${echo(p, 'input')}" is not a valid link: use an address starting with https:// or http://.`,
    reason_required: () => 'The reason is missing: say why the figure is corrected or retracted.',
    unknown_indicator: (p) => {
      const typed = clip(firstParam(p, 'input', 'slug'));
      const meant = suggested(p);
      return meant === ''
        ? `There is no indicator "${typed}". Use /indicators to see the list.`
        : `There is no indicator "${typed}". Did you mean ${meant}?`;
    },
    ambiguous_indicator: (p) => {
      const meant = suggested(p);
      return `"${clip(firstParam(p, 'input', 'slug'))}" could mean several indicators${meant === '' ? '' : ` (${meant})`}: type its full name or its id.`;
    },
    unknown_source: (p) => {
      const typed = clip(firstParam(p, 'input', 'slug'));
      const names = list(p, 'suggestionNames');
      if (names.length === 1) return `There is no source "${typed}". Did you mean ${names[0]}?`;
      if (names.length > 1) return `"${typed}" could mean several sources (${names.join(' · ')}): type its full name or its id.`;
      return `There is no source "${typed}". Use /sources to see the list.`;
    },
    figure_not_found: (p) => `There is no figure #${param(p, 'id')}.`,
    figure_retracted: (p) => `Figure #${param(p, 'id')} has been retracted and cannot be changed.`,
    unchanged_value: (p) => `Figure #${param(p, 'id')} already has that value: there is nothing to correct.`,
    invalid_slug: (p) =>
      `"${echo(p, 'input')}" cannot be an id: use lower-case letters without accents, digits and hyphens (for example ${param(p, 'example') || 'political-prisoners'}).`,
    invalid_field: (p) => {
      const field = FIELDS[param(p, 'field')] ?? param(p, 'field');
      const accepted = param(p, 'accepted');
      const max = param(p, 'max');
      const typed = echo(p, 'input');
      if (max !== '' && accepted === '') return `Too long: the ${field} takes at most ${max} characters.`;
      const detail = accepted !== '' ? ` Accepted: ${accepted}.` : '';
      return `${typed === '' ? `The ${field} is not valid.` : `"${typed}" is not a valid ${field}.`}${detail}`;
    },
    forbidden: () => 'You are not allowed to do that.',
    invalid_user: (p) => `"${echo(p, 'input')}" is not a valid user: type platform:id, for example telegram:123456.`,
    owner_not_revocable: (p) =>
      `${echo(p, 'input') || 'That user'} is an owner of the bot (CIFRAS_OWNERS) and cannot be revoked from the chat.`,
    invalid_cursor: (p) =>
      `The cursor "${echo(p, 'input')}" is not a page of the history of "${param(p, 'indicator')}": ` +
      'pass the previous page\'s "next" value as it is, or leave the cursor out to start from the first page.',
  },
  arguments: {
    missing_argument: (option) => `"${option}" is missing.`,
    invalid_integer: (option, input) => `"${option}" is written in digits, without a sign or decimals (for example, 10); you typed "${clip(input)}".`,
    invalid_figure_id: (option, input) => `"${option}" must be a figure's number, like 17 or #17; you typed "${clip(input)}".`,
    number_too_large: (option, input) => `"${option}" goes up to ${MAX}; you typed "${clip(input)}".`,
    invalid_choice: (option, input, choices) => `"${option}" must be one of: ${choices}; you typed "${clip(input)}".`,
    unclear_value: (option, input) =>
      `Cannot tell where "${option}" ends in "${clip(input)}", so nothing was saved. ` +
      `Write it in one word (1085, 1,085, 60-75, >=60, 60+) or in quotes ("1 085"), then the rest.`,
    too_many_arguments: (_option, input) => `"${clip(input)}" is one argument too many: if it is part of a name, put the name in quotes.`,
  },
  usage: (line) => `Usage: ${line}`,
  unknownCommand: (name, help) => `I don't know the command /${name}. Type ${help} to see the list.`,
  accessDenied: {
    'private-or-chat-admin': (command) => `In this chat only its admins can use ${command}.`,
    'chat-admin': (command) => `Only this chat's admins can use ${command}.`,
    editor: (command) => `Only editors can use ${command}.`,
    owner: (command) => `Only the bot's owners can use ${command}.`,
  },
  adminCheckFailed: (command) =>
    `I could not check whether you administer this chat, so nothing was done. Try ${command} again in a few seconds.`,
  admin: {
    reported: (id) => `Figure #${id} recorded.`,
    corrected: (id) => `Figure #${id} corrected:`,
    retracted: (id) => `Figure #${id} retracted. It stays in the history, marked as retracted.`,
    reason: 'Reason',
    note: 'Note',
    auditTitle: (count) => (count === 1 ? 'The latest recorded change' : `The latest ${count} recorded changes`),
    auditEmpty: 'The audit log is empty.',
    actions: {
      'figure.report': 'figure recorded',
      'figure.correct': 'figure corrected',
      'figure.retract': 'figure retracted',
      'editor.grant': 'editor granted',
      'editor.revoke': 'editor revoked',
      'chat.lang': 'chat language changed',
      'indicator.create': 'indicator created',
      'indicator.update': 'indicator updated',
      'source.create': 'source created',
      'source.update': 'source updated',
      'subscription.subscribe': 'subscription created',
      'subscription.unsubscribe': 'subscription cancelled',
      'subscription.move': 'subscription moved',
      'subscription.pause': 'subscription paused',
      'subscription.resume': 'subscription resumed',
    },
    ownersTitle: 'Owners (CIFRAS_OWNERS)',
    noOwners: 'No owners are configured.',
    editorsTitle: 'Editors',
    noEditors: 'There are no editors.',
    grantedBy: (actor, date) => `granted by ${actor} on ${date}`,
    granted: (user) => `${user} is now an editor.`,
    alreadyEditor: (user) => `${user} already was an editor: nothing changes.`,
    revoked: (user) => `${user} is no longer an editor.`,
    notEditor: (user) => `${user} was not an editor: nothing changes.`,
    userMissing: (action) => `The user is missing: type /admins ${action} platform:id, for example telegram:123456.`,
  },
  subscriptions: {
    all: 'all indicators',
    allArgument: 'all',
    allChoice: 'All indicators',
    notOnConsole: 'Subscriptions are delivered to a Telegram chat or a Discord channel; the console cannot receive them.',
    subscribed: (what, language) => `Done: this chat will get every new figure, correction and retraction of ${what}, in ${language}.`,
    subscribedDigest: (what, language, frequency) => `Done: this chat will get ${frequency} of ${what} (new figures, corrections and retractions), in ${language}.`,
    frequency: { immediate: 'immediately', daily: 'daily digest', weekly: 'weekly digest, on Mondays' },
    digestOf: { daily: 'one digest a day', weekly: 'one digest every Monday' },
    resumed: (what, language) => `Done: this chat gets the news of ${what} again, in ${language}.`,
    already: (what) => `This chat is already subscribed to ${what}: nothing changes.`,
    coveredByAll: (what) => `This chat is already subscribed to all indicators, ${what} included: nothing changes.`,
    replaced: (count) =>
      count === 1 ? "It replaces this chat's subscription to one indicator." : `It replaces this chat's ${count} subscriptions to single indicators.`,
    unsubscribed: (what) => `Done: this chat will no longer get the news of ${what}.`,
    unsubscribedAll: (count) =>
      count === 1 ? "Done: this chat's subscription is cancelled." : `Done: this chat's ${count} subscriptions are cancelled.`,
    notSubscribed: (what) => `This chat is not subscribed to ${what}: nothing changes.`,
    followsAll: (command) => `This chat is subscribed to all indicators; to stop them all, type ${command}.`,
    title: "This chat's subscriptions",
    empty: (command) => `This chat has no subscriptions. Type ${command} to get every new figure.`,
    paused: (reason) => `paused: ${reason}`,
    thread: 'thread',
  },
  digest: {
    daily: (date) => `Daily digest · ${date}`,
    weekly: (from, to) => `Weekly digest · ${from} – ${to}`,
  },
  notification: {
    published: 'New figure',
    corrected: 'Figure corrected',
    retracted: 'Figure retracted',
    previous: (source) => `${source}'s previous figure`,
    others: 'Other sources',
    reason: 'Reason',
    historical: 'Historical figure added',
    currentLatest: (source) => `${source}'s latest figure`,
    correctedOn: (date, reason) => `Corrected on ${date}: ${reason}`,
    retractedOn: (date, reason) => `Retracted on ${date}: ${reason}`,
  },
  deliveries: {
    pausedTitle: 'Paused subscriptions',
    noPaused: 'No subscription is paused.',
    deadTitle: 'Failed deliveries',
    noDead: 'No delivery has failed.',
    more: 'And there are more.',
    attempts: (count) => (count === 1 ? '1 attempt' : `${count} attempts`),
    event: { published: 'new', corrected: 'correction', retracted: 'retraction' },
    hint: (command) => `Type ${command} resume <subscription> or ${command} retry <delivery> with its number.`,
    idMissing: (command) => `The number is missing: type ${command} followed by the subscription's or the delivery's number.`,
    resumed: (id) => `Subscription ${id} is active again: it gets the news from now on.`,
    notPaused: (id) => `Subscription ${id} was not paused: nothing changes.`,
    noSubscription: (id) => `There is no subscription ${id}.`,
    retried: (id) => `Delivery ${id} is back in the queue: it is sent as soon as its subscription is active.`,
    notRetried: (id) => `There is no failed delivery ${id}: nothing changes.`,
    pausedNotice: ({ id, platform, chatId, threadId, scope, reason }) =>
      `Subscription ${id} of ${platform} chat ${chatId}${threadId === null ? '' : ` (thread ${threadId})`} to ${scope === '*' ? 'every indicator' : `"${scope}"`} was paused: ${reason}. ` +
      `Once the bot can post there again, resume it with /deliveries resume ${id}.`,
  },
  api: apiEn,
  platform: {
    alreadyHandled: 'This message was already handled; it was not applied again.',
    truncated: '… (reply cut short)',
    unreadable: 'I could not read this Discord request, so nothing was done. Please type the command again.',
    failure: 'Something went wrong while answering. Please try again in a moment.',
  },
  limits: {
    user: (seconds) => `You are going too fast: wait ${secondsEn(seconds)} before the next command. Until then I will not answer.`,
    chat: (seconds) => `Too many commands in this chat: wait ${secondsEn(seconds)}. Until then I will not answer.`,
    quiet: '⏳ Wait a moment.',
  },
  share: {
    button: 'Share',
    openPage: 'Open the page',
    questionHelp: (examples, count, help) =>
      `I could not tell which figure you mean. Ask me, for example: ${examples.map((e) => `“${e}”`).join(' or ')}. ` +
      `${count} shows every indicator; ${help}, every command.`,
    captionCut: (lines, slug) => `… ${lines === 1 ? '1 line' : `${lines} lines`} left out: /count ${slug} shows them all.`,
  },
  web: {
    siteTitle: 'cifras',
    tagline: "Each source's latest count, side by side: political prisoners, releases, the disappeared.",
    otherLanguage: 'Leer en español',
    languageLabel: 'Language',
    home: 'Home',
    skipToContent: 'Skip to content',
    source: 'Source',
    value: 'Count',
    asOf: 'As of',
    link: 'Link',
    figure: 'Figure',
    corrected: 'corrected',
    retracted: 'retracted',
    staleHint: (days) => `Stale: more than ${days} days old.`,
    seeIndicator: (name) => `See the history of ${name}`,
    chartTitle: (name) => `${name} over time, by source`,
    latestTitle: "Each source's latest count",
    historyTitle: 'Full history',
    historyEmpty: 'No figures recorded.',
    olderFigures: 'Older figures',
    newestFigures: 'Back to the newest',
    downloads: 'Download the data',
    csv: 'CSV (spreadsheet)',
    json: 'JSON',
    atom: 'Atom (feed)',
    follow: 'Follow the updates',
    followTelegram: 'On Telegram',
    followDiscord: 'On Discord',
    followNone: 'Subscribe to the Atom feed in your feed reader.',
    figureTitle: (id) => `Figure #${id}`,
    indicator: 'Indicator',
    period: 'Period',
    note: 'Note',
    recordedAt: 'Recorded',
    revisionsTitle: 'Revisions',
    revision: (n) => `Revision ${n}`,
    kind: 'Kind',
    reason: 'Reason',
    notFoundTitle: 'Page not found',
    cannotShowTitle: 'This page cannot be shown',
    notFoundText: 'There is no such page: the link may be mistyped, or the figure does not exist.',
    indicatorsTitle: 'Indicators',
    allFeed: 'Atom feed of every update',
    feedTitle: (name) => `cifras: ${name}`,
    feedAllTitle: 'cifras: every update',
    feedEntry: { published: 'New figure', corrected: 'Figure corrected', retracted: 'Figure retracted' },
  },
  chart: {
    subtitle: "Each source's figures by the date they are as of",
    empty: 'There are no figures for this chart yet.',
    key: { exact: 'exact', approx: 'approximate', atLeast: 'at least', atMost: 'at most', range: 'range' },
    latest: (source, value, asOf) => `${source}: ${value} as of ${asOf}.`,
    widthOutOfRange: (input, min, max) => `The width "${input}" is not valid: use a whole number from ${min} to ${max} (pixels).`,
  },
} as const satisfies Messages;
