"""Does the CMU Sphinx LM help? Dense features with and without its 15 spoken-stream values
(written by ../cmu-lm-lab.ts), MLP like the tfjs model's dense half, on dev parts and leave one
generator family out (the family's machine texts of modern2024 train/train-more/dev against
modern2024/dev human texts). Training rows are balanced per source by subsampling the larger
label (sklearn's MLP takes no sample weights). Lab only.
   /usr/bin/python3 cmu_lm.py [/tmp/cmu]"""
import json, sys, re
import numpy as np
from sklearn.neural_network import MLPClassifier
from sklearn.metrics import roc_auc_score, roc_curve

D = (sys.argv[1] if len(sys.argv) > 1 else '/tmp/cmu').rstrip('/') + '/'
FAMILIES = {'gpt': r'^(gpt2|gpt-2|davinci|gpt-3\.5|gpt-4)', 'llama': r'^(meta-)?llama', 'claude': r'^claude',
            'gemini': r'^(gemini|palm)', 'mistral': r'^(mistral|mixtral)', 'qwen': r'^qwen', 'deepseek': r'^deepseek'}
def family(g):
    if not g: return None
    for f, rx in FAMILIES.items():
        if re.match(rx, g, re.I): return f
    return None

def task_of(r):
    if r['label'] == 'human': return 'human'
    m = re.search(r'-(imbd|glimpse)-(polish|rewrite|expand|generation)-', str(r['id']))
    if m: return m.group(2)
    return 'rewrite' if str(r['id']).startswith('l2r-') else 'generation'

def load(name):
    rows = [json.loads(l) for l in open(D + name + '.jsonl')]
    for r in rows: r['task'] = r.get('task') or task_of(r)
    return rows

def tpr_at(y, s, f=0.01):
    fpr, tpr, _ = roc_curve(y, s); ok = fpr <= f
    return tpr[ok].max() if ok.any() else 0.0

def X_of(rows, kind):
    dense = np.array([r['dense'] for r in rows], dtype=np.float64)
    cmu = np.array([r['cmu'] for r in rows], dtype=np.float64)
    if kind == 'sig': return dense
    if kind == 'sig+cmu': return np.hstack([dense, cmu])
    if kind == 'swap': return np.hstack([dense[:, :37], cmu])
    raise ValueError(kind)

def y_of(rows): return np.array([1 if r['label'] == 'synthetic' else 0 for r in rows])

def balance(rows, seed=1):
    rng = np.random.RandomState(seed)
    by = {}
    for i, r in enumerate(rows): by.setdefault((r['source'], r['label']), []).append(i)
    keep = []
    for s in {k[0] for k in by}:
        h, m = by.get((s, 'human'), []), by.get((s, 'synthetic'), [])
        n = min(len(h), len(m))
        if n == 0: continue
        keep += list(rng.choice(h, n, replace=False)) + list(rng.choice(m, n, replace=False))
    return [rows[i] for i in sorted(keep)]

def fit(rows, kind, seed):
    X = X_of(rows, kind); y = y_of(rows)
    mu, sd = X.mean(0), X.std(0) + 1e-9
    clf = MLPClassifier(hidden_layer_sizes=(32,), learning_rate_init=0.003, max_iter=60, random_state=seed, early_stopping=False)
    clf.fit(np.clip((X - mu) / sd, -8, 8), y)
    return lambda rs: clf.predict_proba(np.clip((X_of(rs, kind) - mu) / sd, -8, 8))[:, 1]

train = load('train'); devs = {k: load('dev-' + k) for k in ['detect', 'modern', 'm24']}
fam = load('m24-family'); seqx = load('seqxgpt')
m24h = [r for r in devs['m24'] if r['label'] == 'human']
names = open(D + 'names.txt').read().split(',') if False else None

# single-feature AUROC of the CMU values
cmu_names = ['mean_logp','std_logp','q10','q50','mean_entropy','binoculars','discrepancy','disc_per_token','rank1','rank10','rank100','rank_over_1000','top_order_hit','unigram_only','unknown']
print('single-feature AUROC (synthetic positive): CMU LM | shipped word LM')
for j, n in enumerate(cmu_names):
    cells = []
    for k, rs in list(devs.items()) + [('seqx', seqx)]:
        y = y_of(rs); a = roc_auc_score(y, [r['cmu'][j] for r in rs]); b = roc_auc_score(y, [r['dense'][37 + j] for r in rs])
        cells.append(f'{k} {a:.3f}|{b:.3f}')
    print(f'  {n:16s}', '  '.join(cells))

seeds = [1, 2, 3]
kinds = ['sig', 'sig+cmu', 'swap']
bal = balance(train)
print(f'train rows {len(train)}, balanced {len(bal)}')
res = {}
for kind in kinds:
    for seed in seeds:
        f = fit(bal, kind, seed)
        cells = {}
        pool = []
        for k, rs in devs.items():
            s = f(rs); cells[k] = roc_auc_score(y_of(rs), s); pool += rs
        cells['pool'] = roc_auc_score(y_of(pool), f(pool))
        for task in ['polish', 'rewrite', 'generation', 'expand']:
            rs = m24h + [r for r in devs['m24'] if r['task'] == task]
            cells[task] = roc_auc_score(y_of(rs), f(rs))
        cells['seqx'] = roc_auc_score(y_of(seqx), f(seqx))
        res[(kind, seed)] = cells
for kind in kinds:
    keys = res[(kind, 1)].keys()
    print(kind, ' '.join(f"{k} {np.mean([res[(kind, s)][k] for s in seeds]):.3f}±{np.std([res[(kind, s)][k] for s in seeds]):.3f}" for k in keys))

print('leave one generator family out (family texts never trained on vs modern2024/dev human), mean of seeds 1-2')
for fname in FAMILIES:
    tr = balance([r for r in train if not (r['label'] == 'synthetic' and family(r['generator']) == fname)])
    test = m24h + [r for r in fam if family(r['generator']) == fname]
    out = []
    for kind in kinds:
        a = np.mean([roc_auc_score(y_of(test), fit(tr, kind, s)(test)) for s in [1, 2]])
        out.append(f'{kind} {a:.3f}')
    print(f'  {fname:9s} n={len(test) - len(m24h):5d}  ' + '  '.join(out), flush=True)
