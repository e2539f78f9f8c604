/** Files a directory or glob holds that no reader knows: their records are never read, so say so. */
export function warnSkipped(input: string, skipped: string[]): void {
  const shown = skipped.slice(0, 5).join(', ') + (skipped.length > 5 ? `, and ${skipped.length - 5} more` : '');
  process.stderr.write(`crawlsift: ${input}: skipped ${skipped.length} file${skipped.length === 1 ? '' : 's'} of no known format (${shown}); supported: .jsonl, .ndjson, .json (optionally .gz or .zst), .warc, .wet (optionally .gz)\n`);
}
