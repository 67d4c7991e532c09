/**
 * A dictionary of strings to small whole-number codes, in the order they were first seen (codes are never reused): the
 * facet index codes a column's values with it (`mechanism_id::text`, …), the hub's similar-recommendation index its
 * States, languages, regions, mechanisms and statuses, so that rows hold typed arrays of codes instead of strings.
 */
export class Dictionary {
  readonly keys: string[] = [];
  private readonly codes = new Map<string, number>();
  code(key: string): number {
    let code = this.codes.get(key);
    if (code === undefined) {
      code = this.keys.length;
      this.keys.push(key);
      this.codes.set(key, code);
    }
    return code;
  }
  /** The key's code, or -1 for a key never coded. */
  find(key: string): number {
    return this.codes.get(key) ?? -1;
  }
}
