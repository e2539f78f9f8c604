import { countDecisions, decisionOf, withDecision, type Decision, type LabelingRecord } from './sample-file.js';
import { fitLine, wrapText } from './wrap-text.js';

/** What a key does in the labeler. */
export type LabelKey = Decision | 'back' | 'next' | 'quit' | 'down' | 'up' | 'page-down' | 'page-up';

/** The labeler's state: the records and where the person is. */
export interface LabelSession {
  readonly records: readonly LabelingRecord[];
  /** The document shown; `records.length` once past the last one. */
  readonly index: number;
  /** First line of the document's text shown. */
  readonly scroll: number;
  readonly quit: boolean;
}

/** The terminal's size in characters. */
export interface ScreenSize {
  columns: number;
  rows: number;
}

/** Lines of the screen that are not the document's text: two header lines, two rules, the key line. */
const CHROME_ROWS = 5;

/** A session on `records`, at the first document without a decision (where the last one stopped). Pure. */
export function startSession(records: readonly LabelingRecord[]): LabelSession {
  const open = records.findIndex((r) => decisionOf(r) === undefined);
  return { records, index: open === -1 ? records.length : open, scroll: 0, quit: false };
}

/**
 * The keys in a chunk of terminal input, in order: letters (any case), arrows and page keys as
 * xterm and tmux send them, backspace, Ctrl-C and Ctrl-D (quit: raw mode turns them into bytes).
 * Anything else is ignored. Pure.
 */
export function parseKeys(input: string): LabelKey[] {
  const keys: LabelKey[] = [];
  const escapes: Record<string, LabelKey> = { A: 'up', B: 'down', C: 'next', D: 'back', '5~': 'page-up', '6~': 'page-down' };
  const letters: Record<string, LabelKey> = { h: 'human', s: 'synthetic', u: 'unsure', ' ': 'unsure', b: 'back', n: 'next', q: 'quit', j: 'down', k: 'up', '\u0003': 'quit', '\u0004': 'quit', '\u007f': 'back', '\b': 'back' };
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (c === '\u001b') {
      // CSI (ESC [) or SS3 (ESC O) sequences: arrows, then page up/down as ESC [ 5 ~ / ESC [ 6 ~.
      const match = /^\u001b[[O](\d+~|[A-D])/.exec(input.slice(i));
      if (match) {
        const key = escapes[match[1]!];
        if (key) keys.push(key);
        i += match[0].length - 1;
      }
      continue;
    }
    const key = letters[c.toLowerCase()];
    if (key) keys.push(key);
  }
  return keys;
}

/**
 * The session after `key`, and whether a decision changed (the file must then be saved). A decision
 * moves on to the next document; back and next move without deciding. Pure.
 */
export function applyKey(session: LabelSession, key: LabelKey, size: ScreenSize): { session: LabelSession; changed: boolean } {
  const { records, index } = session;
  const page = textRows(size);
  const move = (to: number) => ({ session: { ...session, index: Math.max(0, Math.min(records.length, to)), scroll: 0 }, changed: false });
  switch (key) {
    case 'quit':
      return { session: { ...session, quit: true }, changed: false };
    case 'back':
      return move(index - 1);
    case 'next':
      return move(index + 1);
    case 'down':
    case 'up':
    case 'page-down':
    case 'page-up': {
      if (index >= records.length) return { session, changed: false };
      const step = key === 'down' ? 1 : key === 'up' ? -1 : key === 'page-down' ? page : -page;
      const last = Math.max(0, wrapText(records[index]!.text, size.columns).length - page);
      return { session: { ...session, scroll: Math.max(0, Math.min(last, session.scroll + step)) }, changed: false };
    }
    default: {
      if (index >= records.length) return { session, changed: false };
      const updated = [...records];
      updated[index] = withDecision(records[index]!, key);
      return { session: { ...session, records: updated, index: index + 1, scroll: 0 }, changed: true };
    }
  }
}

function textRows(size: ScreenSize): number {
  return Math.max(1, size.rows - CHROME_ROWS);
}

/**
 * The screen for `session`, one string per row, each at most `size.columns` wide: where the person
 * is and what is decided so far, the document's text wrapped to the width (scrolled), and the keys.
 * The run's score and route are not shown: they would sway the person's judgement. Pure.
 */
export function renderScreen(session: LabelSession, size: ScreenSize, file: string): string[] {
  const { records, index } = session;
  const width = Math.max(10, size.columns);
  const counts = countDecisions(records);
  const decided = records.length - counts.open;
  const tally = `decided ${decided} of ${records.length}: human ${counts.human}, synthetic ${counts.synthetic}, unsure ${counts.unsure}`;
  const rule = '\u2500'.repeat(width);
  const page = textRows(size);
  if (index >= records.length) {
    const done = counts.open === 0 ? `Every document has a decision; saved in ${file}.` : `Past the last document; ${counts.open} still open (b goes back).`;
    return [fitLine(`crawlsift label \u00b7 ${file}`, width), fitLine(tally, width), rule, ...wrapText(done, width), rule, fitLine('[b] back  [q] quit', width)];
  }
  const record = records[index]!;
  const current = decisionOf(record);
  const lines = wrapText(record.text, width);
  const scroll = Math.max(0, Math.min(session.scroll, lines.length - page));
  const shown = lines.slice(scroll, scroll + page);
  // A long text says where it is on the rule below it.
  const where = lines.length > page ? fitLine(`\u2500\u2500 lines ${scroll + 1}-${scroll + shown.length} of ${lines.length}, j/k PgUp/PgDn to scroll `.padEnd(width, '\u2500'), width) : rule;
  const source = record.source ? ` \u00b7 ${record.source}` : '';
  return [
    fitLine(`document ${index + 1} of ${records.length}${source}${current ? ` \u00b7 now: ${current}` : ''}`, width),
    fitLine(tally, width),
    rule,
    ...shown,
    where,
    fitLine('[h]uman  [s]ynthetic  [u]nsure: skip  [b]ack  [n]ext  [q]uit', width),
  ];
}
