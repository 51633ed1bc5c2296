/**
 * The latest processing error per catalog entity and location, as published
 * by the catalog on the events service. The catalog re-processes every few
 * minutes and re-publishes errors that persist, so an entry that has not been
 * seen for `staleAfterMs` is taken as fixed and dropped.
 */
export type CatalogError = {
  entity: string;
  location?: string;
  message: string;
  firstSeen: string;
  lastSeen: string;
};

export class CatalogErrorLog {
  private readonly entries = new Map<string, CatalogError>();

  constructor(
    private readonly options: { maxEntries: number; staleAfterMs: number },
    private readonly now: () => Date = () => new Date(),
  ) {}

  record(entity: string, location: string | undefined, messages: string[]) {
    const key = `${entity}\u0000${location ?? ''}`;
    const at = this.now().toISOString();
    const previous = this.entries.get(key);
    this.entries.delete(key); // re-insert so the map stays in recency order
    this.entries.set(key, {
      entity,
      location,
      message: messages.join('\n'),
      firstSeen: previous?.firstSeen ?? at,
      lastSeen: at,
    });
    while (this.entries.size > this.options.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
  }

  list(): CatalogError[] {
    const cutoff = this.now().getTime() - this.options.staleAfterMs;
    return [...this.entries.values()]
      .filter(e => Date.parse(e.lastSeen) >= cutoff)
      .reverse();
  }
}
