/**
 * Turns absolute positions in one file into `onBytes` increments. Reports each byte once even
 * when a reader re-opens the file behind the furthest point already read (WARC resync), so the
 * progress total never exceeds the file size.
 */
export class ByteMeter {
  private reported = 0;

  constructor(private readonly onBytes?: (bytes: number) => void) {}

  /** Records that everything before `position` has been read or deliberately skipped. */
  advanceTo(position: number): void {
    if (position > this.reported) {
      this.onBytes?.(position - this.reported);
      this.reported = position;
    }
  }

  /** The furthest position reported so far. */
  get position(): number {
    return this.reported;
  }
}
