/** `1 network`, `3 networks`, `1 entry`/`2 entries` (give the plural when it is not `word + s`). */
export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}
