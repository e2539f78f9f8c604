import { CrawlsiftError } from '../errors.js';
import { applyKey, parseKeys, renderScreen, startSession, type LabelSession, type ScreenSize } from '../labeling/label-session.js';
import { countDecisions, formatLabelingFile, readLabelingFile } from '../labeling/sample-file.js';
import { writeOutputFile } from './output-file.js';

/** The terminal the labeler runs on: process.stdin and process.stdout, or a test's stand-ins. */
export interface LabelTerminal {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
}

/** Clear the screen and go home: plain ANSI that every terminal, tmux and screen understand (no alternate screen). */
const CLEAR = '\u001b[H\u001b[2J';

/**
 * Labels the documents of `path` one at a time on a terminal: raw mode on stdin (keys arrive as
 * they are pressed, over SSH and in tmux too), the screen redrawn after each key and when the
 * terminal is resized. After every key that changes a decision the whole file is written under a
 * temporary name and renamed over `path`, so it is never half written and a later run resumes at
 * the first document without a decision. Refuses (`not-a-terminal`, exit 2) when stdin or stdout
 * is not a terminal. Resolves, once the person quits, to what was decided.
 */
export async function runLabeler(path: string, terminal: LabelTerminal = { stdin: process.stdin, stdout: process.stdout }): Promise<ReturnType<typeof countDecisions>> {
  const { stdin, stdout } = terminal;
  if (!stdin.isTTY || !stdout.isTTY) {
    const which = !stdin.isTTY && !stdout.isTTY ? 'stdin and stdout are not' : !stdin.isTTY ? 'stdin is not' : 'stdout is not';
    throw new CrawlsiftError('not-a-terminal', `label reads keys from a person at a terminal, but ${which} a terminal; run it in a terminal (over SSH: ssh -t), not in a pipe or a script`);
  }
  const records = await readLabelingFile(path);
  if (records.length === 0) throw new CrawlsiftError('sample-file-empty', `${path} holds no documents to label`);

  let session: LabelSession = startSession(records);
  const size = (): ScreenSize => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
  const draw = () => stdout.write(CLEAR + renderScreen(session, size(), path).join('\r\n'));
  let saving = Promise.resolve();

  return new Promise((resolve, reject) => {
    const finish = (error?: unknown) => {
      stdin.off('data', onData);
      stdout.off('resize', draw);
      process.off('SIGTERM', onSignal);
      process.off('SIGHUP', onSignal);
      stdin.setRawMode(false);
      stdin.pause();
      if (error !== undefined) return reject(error);
      const counts = countDecisions(session.records);
      stdout.write(`${CLEAR}crawlsift label: ${path}: human ${counts.human}, synthetic ${counts.synthetic}, unsure ${counts.unsure}, ${counts.open} open; saved after every key${counts.open > 0 ? ', run again to go on' : ''}\n`);
      resolve(counts);
    };
    const onSignal = () => saving.then(() => finish(), finish);
    const onData = (chunk: Buffer | string) => {
      // Keys are handled in order, each save before the next key: the file always holds every key so far.
      saving = saving.then(async () => {
        if (session.quit) return;
        for (const key of parseKeys(chunk.toString())) {
          const next = applyKey(session, key, size());
          session = next.session;
          if (next.changed) await writeOutputFile(path, formatLabelingFile(session.records), 'the labels');
          if (session.quit) return finish();
        }
        draw();
      }).catch(finish);
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGHUP', onSignal);
    stdin.setRawMode(true);
    stdin.on('data', onData);
    stdin.resume();
    stdout.on('resize', draw);
    draw();
  });
}
