// The README stays a page a newcomer reads; the reference lives in docs/. Links rot: every
// relative link in README.md and docs/*.md must reach a file or directory of the repository, and
// a link into a Markdown file's section (#anchor) a heading of that file.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve('.');
const README = 'README.md';
const DOCS = readdirSync('docs')
  .filter((name) => name.endsWith('.md'))
  .map((name) => `docs/${name}`);
const PAGES = [README, ...DOCS];

interface Link {
  page: string;
  line: number;
  target: string;
}

/** The page's text without fenced code blocks (kept as blank lines) and with inline code emptied. */
function prose(text: string): string[] {
  let fenced = false;
  return text.split('\n').map((line) => {
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
      return '';
    }
    return fenced ? '' : line.replace(/`[^`]*`/g, 'code');
  });
}

/** Inline links `[text](target)` and images, outside code. */
function linksOf(page: string): Link[] {
  const links: Link[] = [];
  prose(readFileSync(page, 'utf8')).forEach((line, i) => {
    for (const match of line.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      links.push({ page, line: i + 1, target: match[1]! });
    }
  });
  return links;
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target);

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(page: string): Set<string> {
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of readFileSync(page, 'utf8').split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) anchors.add(slug(heading[1]!));
  }
  return anchors;
}

/** What is wrong with a relative link, or undefined when it reaches what it names. */
function brokenReason(link: Link): string | undefined {
  const [pathPart, anchor] = link.target.split('#', 2) as [string, string | undefined];
  const path = pathPart === '' ? link.page : normalize(join(dirname(link.page), decodeURIComponent(pathPart)));
  if (relative(ROOT, resolve(path)).startsWith('..')) return `${path} is outside the repository`;
  if (!existsSync(path)) return `${path} does not exist`;
  if (anchor !== undefined && path.endsWith('.md') && statSync(path).isFile() && !anchorsOf(path).has(anchor)) {
    return `${path} has no heading #${anchor}`;
  }
  return undefined;
}

describe('README.md and docs/', () => {
  it('has docs to check, and relative links in each page', () => {
    expect(DOCS.length).toBeGreaterThanOrEqual(5);
    for (const page of PAGES) expect(linksOf(page).filter((l) => !isExternal(l.target)).length, page).toBeGreaterThan(0);
  });

  it('keeps the README short: at most 150 lines', () => {
    const lines = readFileSync(README, 'utf8').replace(/\n$/, '').split('\n').length;
    expect(lines).toBeLessThanOrEqual(150);
  });

  it('keeps the two set-up commands in the README', () => {
    const readme = readFileSync(README, 'utf8');
    expect(readme).toContain('npm install && npx crawlsift filter fixtures/sample-crawl.jsonl.gz --out out/ --overwrite');
    expect(readme).toContain('npm install && npm test');
  });

  it('links every page of docs/ from the README', () => {
    const linked = new Set(linksOf(README).map((l) => normalize(l.target.split('#')[0]!)));
    expect(DOCS.filter((page) => !linked.has(page))).toEqual([]);
  });

  it('points every relative link at a file or directory that exists, and every anchor at a heading', () => {
    const broken = PAGES.flatMap(linksOf)
      .filter((link) => !isExternal(link.target))
      .map((link) => ({ link, reason: brokenReason(link) }))
      .filter((b) => b.reason !== undefined)
      .map((b) => `${b.link.page}:${b.link.line}: (${b.link.target}) ${b.reason}`);
    expect(broken).toEqual([]);
  });
});

describe('the link checker', () => {
  it('makes the anchors GitHub makes', () => {
    expect(slug('The text and the id')).toBe('the-text-and-the-id');
    expect(slug('With Docker')).toBe('with-docker');
    expect(slug('On one machine: `filter --redis`')).toBe('on-one-machine-filter---redis');
    expect(slug('manifest.json')).toBe('manifestjson');
  });

  it('reports a missing file, a missing heading and a path out of the repository', () => {
    expect(brokenReason({ page: 'README.md', line: 1, target: 'docs/no-such-page.md' })).toBe('docs/no-such-page.md does not exist');
    expect(brokenReason({ page: 'docs/cli.md', line: 1, target: 'queue.md#no-such-heading' })).toBe('docs/queue.md has no heading #no-such-heading');
    expect(brokenReason({ page: 'docs/cli.md', line: 1, target: '../../elsewhere.md' })).toBe('../elsewhere.md is outside the repository');
    expect(brokenReason({ page: 'docs/cli.md', line: 1, target: 'queue.md#with-docker' })).toBeUndefined();
    expect(brokenReason({ page: 'docs/cli.md', line: 1, target: '../src/cli/' })).toBeUndefined();
  });

  it('finds links outside code only', () => {
    const lines = prose('see [a](a.md) and `[b](b.md)`\n```\n[c](c.md)\n```\n![d](d.png)');
    expect(lines.join('\n').match(/\]\(([^)]+)\)/g)).toEqual(['](a.md)', '](d.png)']);
  });
});
