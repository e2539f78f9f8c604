/**
 * The deepest a record's JSON may nest: the record object itself is depth 1, `{"a": [1]}` is 2.
 * Real records are shallow (serde_json refuses past 128 levels by default, Ruby's JSON past 100),
 * while what a record goes through after reading recurses once per level and breaks far deeper:
 * on Node 20 (main thread, 984 KB stack) `JSON.stringify` (shard writers, BullMQ's `Job.asJSON`)
 * throws from about 3,200 to 4,100 levels and structured clone (`postMessage`) from about 2,500
 * to 3,200, the less the deeper the caller's own stack. 512 keeps five times below the worst.
 */
export const MAX_NESTING_DEPTH = 512;

/** The rejection detail of a record that nests deeper than `limit`. */
export function tooDeepDetail(limit: number): string {
  return `the record nests arrays and objects more than ${limit} levels deep`;
}

/**
 * True when `value` (parsed JSON) nests arrays and objects more than `limit` deep. Iterative
 * (a stack of the containers still to visit), so any depth is safe to check; it visits each
 * container once and stops at the first one past the limit. An ordinary record (a handful of
 * fields, the text a string) costs well under a microsecond.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const containers: object[] = [value];
  const depths: number[] = [1];
  while (containers.length > 0) {
    const container = containers.pop()!;
    const depth = depths.pop()!;
    if (depth > limit) return true;
    if (Array.isArray(container)) {
      for (const child of container) {
        if (typeof child === 'object' && child !== null) {
          containers.push(child);
          depths.push(depth + 1);
        }
      }
    } else {
      for (const key in container) {
        const child = (container as Record<string, unknown>)[key];
        if (typeof child === 'object' && child !== null) {
          containers.push(child);
          depths.push(depth + 1);
        }
      }
    }
  }
  return false;
}
