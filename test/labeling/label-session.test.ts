import { describe, expect, it } from 'vitest';
import { applyKey, parseKeys, renderScreen, startSession, type LabelKey, type LabelSession } from '../../src/labeling/label-session.js';
import { countDecisions, decisionOf, type LabelingRecord } from '../../src/labeling/sample-file.js';
import { displaySafe, wrapText } from '../../src/labeling/wrap-text.js';

const size = { columns: 40, rows: 12 };
const records = (n: number): LabelingRecord[] => Array.from({ length: n }, (_, i) => ({ id: `d${i}`, text: `Document number ${i}.`, label: null, source: 'example.org' }));
const press = (session: LabelSession, ...keys: LabelKey[]) => keys.reduce((s, k) => applyKey(s, k, size).session, session);

describe('the labeling session', () => {
  it('reads letters, arrows, page keys, backspace, Ctrl-C and Ctrl-D as keys', () => {
    expect(parseKeys('hsu bnqjk')).toEqual(['human', 'synthetic', 'unsure', 'unsure', 'back', 'next', 'quit', 'down', 'up']);
    expect(parseKeys('H\u001b[A\u001b[B\u001b[C\u001b[D\u001bOB\u001b[5~\u001b[6~')).toEqual(['human', 'up', 'down', 'next', 'back', 'down', 'page-up', 'page-down']);
    expect(parseKeys('\u0003\u0004\u007f\bxz\u001b')).toEqual(['quit', 'quit', 'back', 'back']);
  });

  it('records a decision and moves on; back and next move without deciding; a new key replaces a decision', () => {
    let s = startSession(records(3));
    const first = applyKey(s, 'human', size);
    expect(first.changed).toBe(true);
    s = press(first.session, 'synthetic');
    expect(s.index).toBe(2);
    expect(s.records.map(decisionOf)).toEqual(['human', 'synthetic', undefined]);
    const back = applyKey(s, 'back', size);
    expect(back.changed).toBe(false);
    s = press(back.session, 'unsure');
    expect(s.records.map(decisionOf)).toEqual(['human', 'unsure', undefined]);
    expect(s.records[1]).toMatchObject({ label: null, unsure: true });
    s = press(s, 'back', 'synthetic');
    expect(s.records[1]).not.toHaveProperty('unsure');
    expect(s.records.map(decisionOf)).toEqual(['human', 'synthetic', undefined]);
    expect(press(s, 'next', 'next', 'next', 'next').index).toBe(3);
    expect(press(s, 'back', 'back', 'back', 'back').index).toBe(0);
  });

  it('starts at the first document without a decision: where the last session stopped', () => {
    const done = press(startSession(records(4)), 'human', 'unsure').records;
    expect(startSession(done).index).toBe(2);
    expect(startSession(done.map((r) => ({ ...r, label: 'human' as const }))).index).toBe(4);
  });

  it('draws a screen no wider than the terminal, with where one is and the count so far, without the run score', () => {
    const long = { id: 'x', text: 'word '.repeat(300), label: null, source: 'news.example', score: 0.42, route: 'uncertain' };
    let s = startSession([long, ...records(2)]);
    const screen = renderScreen(s, size, 'sample.jsonl');
    expect(screen).toHaveLength(size.rows);
    for (const line of screen) expect(Array.from(line).length).toBeLessThanOrEqual(size.columns);
    expect(screen[0]).toContain('document 1 of 3');
    expect(screen[0]).toContain('news.example');
    expect(screen[1]).toContain('decided 0 of 3');
    expect(screen.join('\n')).not.toContain('0.42');
    expect(screen.at(-2)).toContain('lines 1-7 of');
    s = press(s, 'page-down');
    expect(renderScreen(s, size, 'sample.jsonl').at(-2)).toContain('lines 8-14 of');
    s = press(s, 'synthetic');
    expect(renderScreen(s, size, 'sample.jsonl')[1]).toContain('decided 1 of 3: human 0, synthetic 1');
    expect(countDecisions(s.records)).toEqual({ human: 0, synthetic: 1, unsure: 0, open: 2 });
  });

  it('shows control characters of crawled text as symbols: an escape sequence cannot drive the terminal', () => {
    expect(displaySafe('a\u001b[2Jb\u0007c\u009bd')).toBe('a\u241b[2Jb\u2407c\ufffdd');
    const screen = renderScreen(startSession([{ text: 'evil \u001b]0;title\u0007 text', label: null }]), size, 'f').join('');
    expect(screen).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });

  it('wraps at spaces, cuts words longer than a line, keeps line breaks', () => {
    expect(wrapText('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapText('one\ntwo', 10)).toEqual(['one', 'two']);
  });
});
