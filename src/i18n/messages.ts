// The shape every message catalog must have. Both `es` and `en` are declared `satisfies Messages`
// elsewhere, so a key missing from either fails the type check. Messages are plain text (never
// markup); parameters are data the renderers escape.
import type { DomainErrorCode } from '../domain/errors.js';
import type { Locale, SourceKind } from '../domain/types.js';
import type { Access } from '../core/access.js';
import type { ArgumentErrorCode } from '../core/argument-error.js';

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
    readonly tryThis: string;
  };
  readonly summary: {
    readonly asOf: string;
    readonly stale: string;
    readonly spread: string;
    readonly empty: string;
    readonly period: string;
  };
  readonly count: {
    readonly allTitle: string;
    readonly noFigures: string;
    readonly allHint: (command: string) => string;
    readonly noIndicators: string;
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
    readonly revision: Record<'report' | 'correction' | 'retraction', string>;
    readonly reason: string;
    readonly more: (count: number) => string;
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
  readonly accessDenied: { readonly [A in Exclude<Access, 'anyone'>]: (command: string) => string };
  /** The admin commands: /report, /correct, /retract, /audit, /admins. */
  readonly admin: {
    readonly reported: (id: number) => string;
    readonly corrected: (id: number) => string;
    readonly retracted: (id: number) => string;
    readonly reason: string;
    readonly note: string;
    readonly auditTitle: (count: number) => string;
    readonly auditEmpty: string;
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
    /** /subscribe from `cifras ask`: the console is no chat that can receive messages. */
    readonly notOnConsole: string;
    readonly subscribed: (what: string, language: string) => string;
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
  readonly notification: {
    readonly published: string;
    readonly corrected: string;
    readonly retracted: string;
    readonly previous: (sourceName: string) => string;
    readonly others: string;
    readonly reason: string;
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
  };
  /** What the HTTP API says beyond the domain's errors. */
  readonly api: {
    /**
     * PUT of an indicator with the other kind once figures were recorded for it. `from`/`to` are
     * the API's words (`stock`, `flow`); `fromText`/`toText` their `indicators.kind` texts.
     */
    readonly indicatorKindLocked: (p: KindChange) => string;
  };
  /** What the platform layers say on their own, outside any command's reply. */
  readonly platform: {
    /** Telegram: a re-delivered update of a command that writes is answered but not applied again. */
    readonly alreadyHandled: string;
    /** Telegram: ends the last message of a reply cut after the most messages sent for one. */
    readonly truncated: string;
    /** Discord: a command failed for a reason the user cannot fix (a bug, the database down). */
    readonly failure: string;
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
