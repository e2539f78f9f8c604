/**
 * Where the fault tests kill a process with SIGKILL at an exact point of its work:
 * `CRAWLSIFT_TEST_KILL_AT=<stage>@<n>` kills this process the n-th time it reaches `stage`.
 * Unset (always, outside the tests) it does nothing. A real SIGKILL, not a thrown error, so the
 * test sees what a crash leaves behind: a held lock, half-written parts, an unsaved position.
 */
export type FaultStage =
  /** Worker: a batch is active (locked), nothing scored or written yet. */
  | 'before-score'
  /** Worker: the first of the batch's parts is renamed into place, the others are not. */
  | 'mid-write'
  /** Worker: every part is written; Redis does not know the batch is done. */
  | 'before-record'
  /** Worker: Redis marks the batch done; the job is not completed in BullMQ. */
  | 'before-complete'
  /** Producer: addBulk returned; the position is not saved. */
  | 'producer-after-add';

const reached = new Map<string, number>();

export function faultPoint(stage: FaultStage): void {
  const setting = process.env.CRAWLSIFT_TEST_KILL_AT;
  if (!setting) return;
  const [target, nth] = setting.split('@');
  if (target !== stage) return;
  const count = (reached.get(stage) ?? 0) + 1;
  reached.set(stage, count);
  if (count === Number(nth ?? '1')) process.kill(process.pid, 'SIGKILL');
}
