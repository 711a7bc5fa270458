// Something that runs beside the server — Telegram long polling, Discord's follow-ups in flight,
// the delivery worker — started by the composition root once the database is ready and stopped,
// latest first, before the database closes.
export interface Service {
  readonly name: string;
  stop(): Promise<void>;
}
