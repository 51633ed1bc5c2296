import type { Quote, QuoteStore } from './job.ts';

/**
 * A QuoteStore that keeps quotes in memory. The tests use it, and so does
 * main.ts until you connect the job to where your data really lives
 * (a database client, an HTTP API...): write a class that implements
 * QuoteStore and create it in main.ts instead.
 */
export class InMemoryQuoteStore implements QuoteStore {
  readonly #quotes: Map<string, Quote>;

  constructor(quotes: Iterable<Quote> = []) {
    this.#quotes = new Map([...quotes].map((quote) => [quote.id, quote]));
  }

  async findOpenQuotesCreatedBefore(cutoff: Date, limit: number): Promise<readonly Quote[]> {
    return [...this.#quotes.values()]
      .filter((quote) => quote.status === 'open' && quote.createdAt < cutoff)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .slice(0, limit);
  }

  async markExpired(id: string): Promise<void> {
    const quote = this.#quotes.get(id);
    if (!quote) {
      throw new Error(`quote ${id} does not exist`);
    }
    this.#quotes.set(id, { ...quote, status: 'expired' });
  }

  get(id: string): Quote | undefined {
    return this.#quotes.get(id);
  }
}

/** A few sample quotes around `now`, so the job has something to do out of the box. */
export function sampleQuotes(now: Date): Quote[] {
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 60 * 60 * 1000);
  return [
    { id: 'Q-1001', customerId: 'C-17', createdAt: hoursAgo(240), status: 'open' },
    { id: 'Q-1002', customerId: 'C-17', createdAt: hoursAgo(100), status: 'open' },
    { id: 'Q-1003', customerId: 'C-42', createdAt: hoursAgo(90), status: 'accepted' },
    { id: 'Q-1004', customerId: 'C-42', createdAt: hoursAgo(5), status: 'open' },
  ];
}
