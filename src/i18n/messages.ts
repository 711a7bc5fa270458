// The shape every message catalog must have. Both `es` and `en` are declared `satisfies Messages`
// elsewhere, so a key missing from either fails the type check. Messages are plain text (never
// markup); parameters are data the renderers escape.
import type { DomainErrorCode } from '../domain/errors.js';
import type { Locale, SourceKind } from '../domain/types.js';

// The catalogs are below the command kit: they name what they translate, and the kit's types are
// built from these (core/argument-error.ts, core/access.ts).

/** Why a command's arguments could not be read. */
export type ArgumentErrorCode =
  | 'missing_argument'
  | 'invalid_integer'
  | 'invalid_figure_id'
  /** A whole number (or figure id) above MAX_STORED_INTEGER: no integer column can hold it. */
  | 'number_too_large'
  | 'invalid_choice'
  /** A figure value typed over several words whose end cannot be told for sure (see core/parse-args.ts). */
  | 'unclear_value'
  | 'too_many_arguments';

/** Who may run a command when not everyone may. */
export type RestrictedAccess = 'private-or-chat-admin' | 'chat-admin' | 'editor' | 'owner';

// What the HTTP API explains beyond the domain's errors is named here, below the HTTP layer that
// raises it (http/api-error.ts, http/validation-issues.ts).

/** Errors of the HTTP layer itself: no route, wrong method, a body that is not JSON, a refused token… */
export type ApiErrorCode =
  | 'not_found' | 'method_not_allowed' | 'malformed_json' | 'invalid_request' | 'bad_request' | 'invalid_idempotency_key'
  | 'unauthorized' | 'write_api_disabled' | 'unsupported_media_type' | 'payload_too_large' | 'idempotency_key_reused'
  | 'internal_error';

/** The request and body fields the API names in its messages, by JSON path (array indexes left out). */
export type ApiField =
  | 'indicator' | 'source' | 'value' | 'asOf' | 'period' | 'period.from' | 'period.to' | 'url' | 'note' | 'note.es' | 'note.en'
  | 'reason' | 'kind' | 'unit' | 'region' | 'name' | 'name.es' | 'name.en' | 'aliases' | 'aliases.es' | 'aliases.en'
  | 'description' | 'description.es' | 'description.en' | 'staleAfterDays'
  | 'id' | 'slug' | 'lang' | 'format' | 'limit' | 'cursor' | 'since';

/** What is wrong with one field of a request. */
export type IssueProblem =
  | 'missing' | 'type' | 'too_long' | 'too_many' | 'too_large' | 'too_small' | 'empty' | 'unknown_field' | 'choice' | 'invalid'
  /** A paging parameter sent with `format=csv`, which answers the whole history. */
  | 'csv_whole';

/** A DomainError's parameters, as thrown. */
export type ErrorParams = Readonly<Record<string, unknown>>;

/** An indicator's refused change of kind, for `api.indicatorKindLocked`. */
export interface KindChange {
  readonly slug: string;
  readonly from: string;
  readonly to: string;
  readonly fromText: string;
  readonly toText: string;
  readonly figures: number;
}

export interface Messages {
  readonly languageName: Record<Locale, string>;
  readonly help: {
    readonly intro: string;
    readonly commandsTitle: string;
    /** `/help <command>`: the title of its arguments' list, and the mark of an optional one. */
    readonly argumentsTitle: string;
    readonly optional: string;
    readonly tryThis: string;
  };
  readonly summary: {
    readonly asOf: string;
    readonly stale: string;
    readonly spread: string;
    readonly empty: string;
    readonly period: string;
    /** The marker on a value that was corrected since it was reported. */
    readonly corrected: string;
  };
  readonly count: {
    readonly allTitle: string;
    readonly noFigures: string;
    readonly allHint: (command: string) => string;
    readonly noIndicators: string;
    /** `5 fuentes`, in a one-line summary of several sources. */
    readonly sources: (count: number) => string;
    /** Below /count's summary when PUBLIC_URL is set: the indicator's page. */
    readonly webPage: string;
    /** Below the all-indicators summary when PUBLIC_URL is set: every indicator on the web. */
    readonly webAll: string;
  };
  /** Replies in pages: what is left out is said, with how to see it. */
  readonly paging: {
    /** `página 2 de 5`, after a reply's title. */
    readonly page: (page: number, pages: number) => string;
    /** Button to the next (older, further) page. */
    readonly next: (page: number) => string;
    /** Button to the previous page. */
    readonly previous: (page: number) => string;
    /** `/cifras 2`: how to ask for a page by its number. */
    readonly askPage: (command: string) => string;
    /** Items on other pages: `Faltan 12 indicadores…` (`what` is the plural noun). */
    readonly left: (count: number, what: string) => string;
    /** A page number past the last one. */
    readonly noSuchPage: (page: number, pages: number) => string;
    readonly indicators: string;
    readonly figures: string;
    readonly sources: string;
  };
  readonly lookup: {
    readonly ambiguous: (input: string) => string;
    readonly none: (input: string) => string;
    /** Nothing matches the whole text, but some of its words name these indicators. */
    readonly related: (input: string) => string;
  };
  readonly indicators: {
    readonly title: string;
    readonly kind: Record<'stock' | 'flow', string>;
  };
  readonly sources: {
    readonly title: string;
    readonly empty: string;
    readonly kind: Record<SourceKind, string>;
    readonly homepage: string;
    readonly noHomepage: string;
    readonly hint: (command: string) => string;
  };
  readonly history: {
    readonly title: (indicatorName: string, sourceName: string | null) => string;
    readonly empty: string;
    readonly retracted: string;
    /** What happened at each revision, before its recorded time: `registrada`, `corregida`, `retirada`. */
    readonly revision: Record<'report' | 'correction' | 'retraction', string>;
    readonly reason: string;
    /** Precedes the as-of date: `al` / `as of`. */
    readonly asOf: string;
    readonly period: string;
    readonly note: string;
    /** A note or reason cut short in a list; `command` shows the figure whole (`/cifra 17`). */
    readonly cut: (command: string) => string;
    /** Under a page: `Cifras 1–8 de 600, de la más reciente a la más antigua.` */
    readonly range: (first: number, last: number, total: number) => string;
  };
  /** /figure (/cifra): one figure whole. */
  readonly figure: {
    readonly title: (id: number, indicatorName: string) => string;
    readonly source: string;
    readonly link: string;
    readonly revisions: string;
    readonly webPage: string;
    /** Revisions left out of a reply that would not fit: where all of them are. */
    readonly moreRevisions: (count: number) => string;
  };
  readonly lang: {
    readonly set: (language: string) => string;
  };
  /** A message per DomainError code; each names the accepted forms where there are any. */
  readonly errors: { readonly [Code in DomainErrorCode]: (params: ErrorParams) => string };
  /** Argument problems; `option` is the option's localized name. */
  readonly arguments: { readonly [Code in ArgumentErrorCode]: (option: string, input: string, choices: string) => string };
  readonly usage: (line: string) => string;
  readonly unknownCommand: (name: string, helpCommand: string) => string;
  readonly accessDenied: { readonly [A in RestrictedAccess]: (command: string) => string };
  /** The platform could not say whether the user administers the chat (a network error, 5xx, 429). */
  readonly adminCheckFailed: (command: string) => string;
  /** The admin commands: /report, /correct, /retract, /audit, /admins. */
  readonly admin: {
    readonly reported: (id: number) => string;
    readonly corrected: (id: number) => string;
    readonly retracted: (id: number) => string;
    readonly reason: string;
    readonly note: string;
    readonly auditTitle: (count: number) => string;
    readonly auditEmpty: string;
    /** Audit actions in words, by their recorded code (`figure.report`); an unknown code is shown as it is. */
    readonly actions: Readonly<Record<string, string>>;
    readonly ownersTitle: string;
    readonly noOwners: string;
    readonly editorsTitle: string;
    readonly noEditors: string;
    readonly grantedBy: (actor: string, date: string) => string;
    readonly granted: (user: string) => string;
    readonly alreadyEditor: (user: string) => string;
    readonly revoked: (user: string) => string;
    readonly notEditor: (user: string) => string;
    readonly userMissing: (action: string) => string;
  };
  /** /subscribe, /unsubscribe, /subscriptions. `what` is an indicator's name or `all`. */
  readonly subscriptions: {
    readonly all: string;
    /** The word that means all when typed after /unsubscribe: `todo` / `all`. */
    readonly allArgument: string;
    /** The autocomplete choice that means all indicators (sent as `all`). */
    readonly allChoice: string;
    /** /subscribe from `cifras ask`: the console is no chat that can receive messages. */
    readonly notOnConsole: string;
    readonly subscribed: (what: string, language: string) => string;
    /** A daily or weekly subscription made or changed; `frequency` is digestOf's phrase. */
    readonly subscribedDigest: (what: string, language: string, frequency: string) => string;
    /** How often, as /subscriptions lists it. */
    readonly frequency: Readonly<Record<'immediate' | 'daily' | 'weekly', string>>;
    readonly digestOf: Readonly<Record<'daily' | 'weekly', string>>;
    readonly resumed: (what: string, language: string) => string;
    readonly already: (what: string) => string;
    readonly coveredByAll: (what: string) => string;
    readonly replaced: (count: number) => string;
    readonly unsubscribed: (what: string) => string;
    readonly unsubscribedAll: (count: number) => string;
    readonly notSubscribed: (what: string) => string;
    readonly followsAll: (command: string) => string;
    readonly title: string;
    readonly empty: (command: string) => string;
    readonly paused: (reason: string) => string;
    readonly thread: string;
  };
  /** What subscribed chats are sent for each event. */
  /** The heading of a daily or weekly digest; dates already formatted. */
  readonly digest: {
    readonly daily: (date: string) => string;
    readonly weekly: (from: string, to: string) => string;
  };
  readonly notification: {
    readonly published: string;
    readonly corrected: string;
    readonly retracted: string;
    readonly previous: (sourceName: string) => string;
    readonly others: string;
    readonly reason: string;
    /** A back-filled figure: older than its source's latest, so not news. */
    readonly historical: string;
    /** Beside a historical figure: the source's latest, which it does not replace. */
    readonly currentLatest: (sourceName: string) => string;
    /** What an edited message says below the new value: `Corregida el 3 dic 2026: <reason>`. */
    readonly correctedOn: (date: string, reason: string) => string;
    readonly retractedOn: (date: string, reason: string) => string;
  };
  /** /deliveries: paused subscriptions and dead deliveries, resumed or retried by editors. */
  readonly deliveries: {
    readonly pausedTitle: string;
    readonly noPaused: string;
    readonly deadTitle: string;
    readonly noDead: string;
    readonly more: string;
    readonly attempts: (count: number) => string;
    readonly event: Record<'published' | 'corrected' | 'retracted', string>;
    readonly hint: (command: string) => string;
    readonly idMissing: (command: string) => string;
    readonly resumed: (id: number) => string;
    readonly notPaused: (id: number) => string;
    readonly noSubscription: (id: number) => string;
    readonly retried: (id: number) => string;
    readonly notRetried: (id: number) => string;
    /**
     * The owners' direct message when a subscription is paused: which one, where, to what
     * (`scope`: a slug, or '*' for every indicator), the platform's reason, and how to resume it.
     */
    readonly pausedNotice: (notice: { id: number; platform: string; chatId: string; threadId: string | null; scope: string; reason: string }) => string;
  };
  /** What the HTTP API says beyond the domain's errors. */
  readonly api: {
    /**
     * PUT of an indicator with the other kind once figures were recorded for it. `from`/`to` are
     * the API's words (`stock`, `flow`); `fromText`/`toText` their `indicators.kind` texts.
     */
    readonly indicatorKindLocked: (p: KindChange) => string;
    /** A message per error of the HTTP layer itself; `invalid_request` gets its issues' sentences in `details`. */
    readonly errors: { readonly [Code in ApiErrorCode]: (params: ErrorParams) => string };
    /** Each request or body field as a person names it (`asOf`: «fecha»). */
    readonly fields: Readonly<Record<ApiField, string>>;
    /** A field's problem; `detail` is the expected type, the limit or the accepted values. */
    readonly issues: { readonly [P in IssueProblem]: (label: string, detail: string) => string };
    /** The JSON types a field may be expected to have. */
    readonly expected: Readonly<Record<'string' | 'number' | 'integer' | 'object' | 'array' | 'boolean', string>>;
    /** What to write instead, for the fields whose forms are not obvious. */
    readonly hints: Readonly<Partial<Record<ApiField, string>>>;
  };
  /** What the platform layers say on their own, outside any command's reply. */
  readonly platform: {
    /** Telegram: a re-delivered update of a command that writes is answered but not applied again. */
    readonly alreadyHandled: string;
    /** Telegram: ends the last message of a reply cut after the most messages sent for one. */
    readonly truncated: string;
    /** Discord: a signed interaction of a shape cifras does not know, acknowledged and ignored. */
    readonly unreadable: string;
    /** Discord: a command failed for a reason the user cannot fix (a bug, the database down). */
    readonly failure: string;
  };
  /**
   * Flood control (core/command-limiter.ts): the one notice past a limit, saying about how many
   * seconds until the next command is answered; then silence.
   */
  readonly limits: {
    /** The sender has had too many commands answered in the last minute, in any chat. */
    readonly user: (seconds: number) => string;
    /** This group, channel or server channel has had too many commands answered in the last minute. */
    readonly chat: (seconds: number) => string;
    /** Discord, which must answer every interaction: the silence after the notice, seen only by the sender. */
    readonly quiet: string;
  };
  /** Sharing from the chat: Telegram inline mode, the Share button, questions in plain words. */
  readonly share: {
    /** The button under a /count answer that shares it in another chat (Telegram inline mode). */
    readonly button: string;
    /** The URL button under a shared answer: the indicator's page. */
    readonly openPage: string;
    /** A plain-words question that names no indicator: how to ask, with real indicator names. */
    readonly questionHelp: (examples: readonly string[], count: string, help: string) => string;
    /** Ends a chart's caption cut to fit Telegram: how many lines are left out, where they all are. */
    readonly captionCut: (lines: number, indicatorSlug: string) => string;
  };
  /** The public web pages and feeds (src/web/). Plain text: the pages escape it. */
  readonly web: {
    readonly siteTitle: string;
    readonly tagline: string;
    /** The link to the same page in the other language, written in that language. */
    readonly otherLanguage: string;
    readonly languageLabel: string;
    readonly home: string;
    readonly skipToContent: string;
    readonly source: string;
    readonly value: string;
    readonly asOf: string;
    readonly link: string;
    readonly figure: string;
    readonly corrected: string;
    readonly retracted: string;
    readonly staleHint: (days: number) => string;
    readonly seeIndicator: (name: string) => string;
    readonly chartTitle: (name: string) => string;
    readonly latestTitle: string;
    readonly historyTitle: string;
    readonly historyEmpty: string;
    readonly olderFigures: string;
    readonly newestFigures: string;
    readonly downloads: string;
    readonly csv: string;
    readonly json: string;
    readonly atom: string;
    readonly follow: string;
    readonly followTelegram: string;
    readonly followDiscord: string;
    readonly followNone: string;
    readonly figureTitle: (id: number) => string;
    readonly indicator: string;
    readonly period: string;
    readonly note: string;
    readonly recordedAt: string;
    readonly revisionsTitle: string;
    readonly revision: (n: number) => string;
    readonly kind: string;
    readonly reason: string;
    readonly notFoundTitle: string;
    readonly cannotShowTitle: string;
    readonly notFoundText: string;
    readonly indicatorsTitle: string;
    readonly allFeed: string;
    readonly feedTitle: (indicatorName: string) => string;
    readonly feedAllTitle: string;
    readonly feedEntry: Record<'published' | 'corrected' | 'retracted', string>;
  };
  /** Texts drawn in the history charts (SVG and PNG). */
  readonly chart: {
    /** Under the title: what the x axis is. */
    readonly subtitle: string;
    readonly empty: string;
    /** The explanation of the marks, shown for the kinds a chart has. */
    readonly key: { readonly exact: string; readonly approx: string; readonly atLeast: string; readonly atMost: string; readonly range: string };
    /** One source's latest figure in the chart's description for screen readers. */
    readonly latest: (source: string, value: string, asOf: string) => string;
    /** `?width=` outside what the chart routes draw. */
    readonly widthOutOfRange: (input: string, min: number, max: number) => string;
  };
}
