/** A small seeded PRNG (mulberry32) with the draws the corpus generator needs. Same seed, same corpus. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** An index into `weights`, each chosen in proportion to its weight. */
  weighted(weights: readonly number[]): number {
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    let point = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      point -= weights[i];
      if (point < 0) return i;
    }
    return weights.length - 1;
  }

  /** One of `choices` ([value, weight] pairs), in proportion to the weights. */
  choose<T>(choices: readonly (readonly [T, number])[]): T {
    return choices[this.weighted(choices.map(([, weight]) => weight))][0];
  }

  /**
   * A number from an empirical distribution given by its quantiles at evenly spaced probabilities
   * (e.g. [min, q1, median, q3, max]), linearly interpolated.
   */
  fromQuantiles(quantiles: readonly number[]): number {
    const position = this.next() * (quantiles.length - 1);
    const low = Math.floor(position);
    const high = Math.min(low + 1, quantiles.length - 1);
    return Math.round(quantiles[low] + (quantiles[high] - quantiles[low]) * (position - low));
  }

  /** `length` characters drawn from `alphabet`. */
  chars(alphabet: string, length: number): string {
    let text = '';
    for (let i = 0; i < length; i++) text += alphabet[Math.floor(this.next() * alphabet.length)];
    return text;
  }

  digits(length: number): string {
    return String(this.int(1, 9)) + this.chars('0123456789', length - 1);
  }
}
