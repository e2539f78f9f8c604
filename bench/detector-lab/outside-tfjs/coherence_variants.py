"""Embedding-coherence features under cheaper tables (fewer words, fewer dims, int8), MLP over
3 seeds, plus leave-one-source-out. Needs export-embeddings.mjs output in $EMB_DIR."""
import sys, os, re; sys.path.insert(0, os.path.dirname(__file__))
from common import *
from sklearn.preprocessing import StandardScaler
from sklearn.neural_network import MLPClassifier
import warnings; warnings.filterwarnings('ignore')
E_DIR = os.environ.get('EMB_DIR', '/tmp/emb')
WORDS = open(E_DIR + '/words100k.txt').read().split('\n')
V0 = np.fromfile(E_DIR + '/vec100k.f32', dtype=np.float32).reshape(-1, 100)
TOK = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+")
SETS = ['train', 'dev', 'modern', 'seqxgpt']
S = {n: load(n) for n in SETS}

def table(n_words, dims, int8):
    V = V0[:n_words].astype(np.float64)
    if dims < 100:
        mu = V.mean(0); U, s, Vt = np.linalg.svd(V - mu, full_matrices=False); V = (V - mu) @ Vt[:dims].T
    V = V / (np.linalg.norm(V, axis=1, keepdims=True) + 1e-9)
    if int8: V = np.round(V * 127) / 127
    return {w: i for i, w in enumerate(WORDS[:n_words])}, V

def feats(t, idx, V, stop):
    ws = t.split()[:320]; text = ' '.join(ws).lower()
    sents = [s for s in re.split(r'(?<=[.!?])\s+', text) if s.strip()]
    toks = [w for w in TOK.findall(text) if w in idx and w not in stop]
    f = np.zeros(9)
    if len(toks) < 4: return f
    E = V[[idx[w] for w in toks]]
    c = E.mean(0); cn = c / (np.linalg.norm(c) + 1e-9); sims = E @ cn
    f[0] = np.linalg.norm(c); f[1] = sims.mean(); f[2] = sims.std()
    cs = []
    for s in sents:
        tt = [w for w in TOK.findall(s) if w in idx and w not in stop]
        if tt:
            m = V[[idx[w] for w in tt]].mean(0); cs.append(m / (np.linalg.norm(m) + 1e-9))
    if len(cs) > 1:
        adj = [cs[i] @ cs[i + 1] for i in range(len(cs) - 1)]; f[3] = np.mean(adj); f[4] = np.min(adj)
    k = min(len(E) // 2, 12)
    if k >= 2:
        a = E[:k].mean(0); b = E[k:].mean(0); f[5] = a @ b / (np.linalg.norm(a) * np.linalg.norm(b) + 1e-9)
    adjw = (E[:-1] * E[1:]).sum(1); f[6] = adjw.mean(); f[7] = adjw.std()
    n3 = len(E) // 3
    if n3 >= 2:
        a = E[:n3].mean(0); b = E[-n3:].mean(0); f[8] = a @ b / (np.linalg.norm(a) * np.linalg.norm(b) + 1e-9)
    return f

def mlp_eval(F, cols, seeds=(1, 2, 3), lodo=False):
    res = {n: [] for n in ['dev', 'modern', 'seqxgpt']}
    for seed in seeds:
        Xtr = np.hstack([S['train'][1], F['train'][:, cols]])
        sc = StandardScaler().fit(Xtr); f = lambda X: np.clip(sc.transform(X), -8, 8)
        m = MLPClassifier((32,), alpha=1e-4, max_iter=60, random_state=seed, learning_rate_init=0.003).fit(f(Xtr), S['train'][2])
        for n in res: res[n].append(roc_auc_score(S[n][2], m.predict_proba(f(np.hstack([S[n][1], F[n][:, cols]])))[:, 1]))
    out = ' '.join(f"{n} {np.mean(v):.3f}±{np.std(v):.3f}" for n, v in res.items())
    if lodo:
        tr = S['train'][0]; L = []
        for s in sorted(set(r['source'] for r in tr)):
            keep = np.array([r['source'] != s for r in tr])
            ev = 'modern' if s.startswith('detectrl') else 'dev'
            sel = np.array([r['source'] == s for r in S[ev][0]])
            a = []
            for seed in seeds:
                Xtr = np.hstack([S['train'][1], F['train'][:, cols]])[keep]
                sc = StandardScaler().fit(Xtr); f = lambda X: np.clip(sc.transform(X), -8, 8)
                m = MLPClassifier((32,), alpha=1e-4, max_iter=60, random_state=seed, learning_rate_init=0.003).fit(f(Xtr), S['train'][2][keep])
                a.append(roc_auc_score(S[ev][2][sel], m.predict_proba(f(np.hstack([S[ev][1], F[ev][:, cols]])[sel]))[:, 1]))
            L.append(f"{s[:14]}={np.mean(a):.3f}")
        out += ' | LODO ' + ' '.join(L)
    return out

variants = [(100000, 100, False), (50000, 100, True), (30000, 100, True), (50000, 32, True), (30000, 32, True), (50000, 16, True)]
if os.environ.get('VARIANTS'): variants = [tuple(int(x) for x in v.split(':')) for v in os.environ['VARIANTS'].split(',')]
ALL = list(range(9))
if __name__ != "__main__": variants = []
if __name__ == '__main__': print('base', mlp_eval({n: np.zeros((len(S[n][0]), 0)) for n in SETS}, [], lodo=True), flush=True)
for nw, dims, q in variants:
    idx, V = table(nw, dims, bool(q)); stop = set(WORDS[:150])
    F = {n: np.array([feats(r['text'], idx, V, stop) for r in S[n][0]]) for n in SETS}
    print(f"{nw} words x {dims}{' int8' if q else ''}", mlp_eval(F, ALL, lodo=(nw, dims) == (50000, 32)), flush=True)
    if (nw, dims) == (50000, 32):
        for drop in range(9):
            cols = [c for c in ALL if c != drop]
            print(f"  without feature {drop}", mlp_eval(F, cols), flush=True)
