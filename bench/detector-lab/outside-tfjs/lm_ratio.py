"""Class-conditional word LMs: log p_machine(w|prev) - log p_human(w|prev) per token, summarised.
Beside dense + bag logit (both out-of-fold for training documents, by pair group), MLP 3 seeds.
`--lodo`: leave one training source out instead (LMs, bag and MLP all rebuilt without it)."""
import sys, os, re, math; sys.path.insert(0, os.path.dirname(__file__))
from common import *
from collections import Counter, defaultdict
from sklearn.preprocessing import StandardScaler
from sklearn.neural_network import MLPClassifier
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from scipy.sparse import hstack as sphstack
import warnings; warnings.filterwarnings('ignore')
SETS = ['train', 'dev', 'modern', 'seqxgpt']
S = {n: load(n) for n in SETS}
rows = S['train'][0]; ytr = S['train'][2]
groups = np.array([re.sub(r'-[hs]$', '', r['id'].split('#')[0]) for r in rows])
iscrop = np.array(['#' in r['id'] for r in rows])
win = lambda t: ' '.join(t.split()[:320]).lower()
TOK = re.compile(r"[a-z0-9']+|[^\sa-z0-9']")
toks = {n: [TOK.findall(win(r['text'])) for r in S[n][0]] for n in SETS}

class LM:
    def __init__(self, docs, d=0.75):
        self.u = Counter(); self.b = defaultdict(Counter)
        for t in docs:
            p = '<s>'
            for w in t: self.u[w] += 1; self.b[p][w] += 1; p = w
        self.N = sum(self.u.values()); self.V = len(self.u) + 1; self.d = d
        self.tot = {p: sum(c.values()) for p, c in self.b.items()}
    def lp(self, p, w):
        pu = (self.u.get(w, 0) + 1) / (self.N + self.V)
        c = self.b.get(p)
        if c is None: return math.log(pu), math.log(pu)
        n = self.tot[p]; k = len(c)
        pb = max(c.get(w, 0) - self.d, 0) / n + self.d * k / n * pu
        return math.log(pb), math.log(pu)

def feats(t, M, H):
    if not t: return [0]*8
    r2 = []; r1 = []; p = '<s>'
    for w in t:
        m2, m1 = M.lp(p, w); h2, h1 = H.lp(p, w); r2.append(m2 - h2); r1.append(m1 - h1); p = w
    r2 = np.array(r2); r1 = np.array(r1)
    return [r2.mean(), r2.std(), *np.quantile(r2, [0.1, 0.5, 0.9]), (r2 > 0).mean(), r1.mean(), r2.sum() / math.sqrt(len(r2))]

def lms(idx):
    M = LM([toks['train'][i] for i in idx if ytr[i] == 1 and not iscrop[i]])
    H = LM([toks['train'][i] for i in idx if ytr[i] == 0 and not iscrop[i]])
    return M, H

# The bag: hashed char 3-5-grams and word 1-2-grams of the window, as in coherence_with_bag.py.
hc = HashingVectorizer(analyzer='char', ngram_range=(3, 5), n_features=2**20, alternate_sign=False, norm='l2')
hw = HashingVectorizer(analyzer='word', ngram_range=(1, 2), n_features=2**20, alternate_sign=False, norm='l2', token_pattern=r"[a-z0-9']+")
Hx = lambda rs: sphstack([hc.transform([win(r['text']) for r in rs]), hw.transform([win(r['text']) for r in rs])]).tocsr()

def lodo():
    Hall = {n: Hx(S[n][0]) for n in SETS}
    srcs = sorted(set(r['source'] for r in rows))
    for s in srcs:
        keep = np.array([r['source'] != s for r in rows]); ki = np.where(keep)[0]
        tn = 'modern' if s.startswith('detectrl') else 'dev'
        sel = np.array([r['source'] == s for r in S[tn][0]]); yt = S[tn][2][sel]
        g = groups[ki]; y = ytr[ki]; Htr = Hall['train'][ki]
        folds = list(GroupKFold(5).split(np.zeros(len(ki)), y, g))
        oofr = np.zeros((len(ki), 8)); oofb = np.zeros(len(ki))
        for a, b in folds:
            M, H = lms(ki[a])
            for j in b: oofr[j] = feats(toks['train'][ki[j]], M, H)
            oofb[b] = LogisticRegression(C=1, max_iter=3000, solver='liblinear').fit(Htr[a], y[a]).decision_function(Htr[b])
        M, H = lms(ki)
        rt = np.array([feats(t, M, H) for t, k in zip(toks[tn], sel) if k])
        bt = LogisticRegression(C=1, max_iter=3000, solver='liblinear').fit(Htr, y).decision_function(Hall[tn][sel])
        out = []
        for tag, Xa, Xb in [('bag', np.column_stack([S['train'][1][ki], oofb]), np.column_stack([S[tn][1][sel], bt])),
                            ('bag+lmr', np.column_stack([S['train'][1][ki], oofb, oofr]), np.column_stack([S[tn][1][sel], bt, rt]))]:
            v = []
            for seed in (1, 2, 3):
                sc = StandardScaler().fit(Xa); f = lambda X: np.clip(sc.transform(X), -8, 8)
                m = MLPClassifier((32,), alpha=1e-4, max_iter=60, random_state=seed, learning_rate_init=0.003).fit(f(Xa), y)
                v.append(roc_auc_score(yt, m.predict_proba(f(Xb))[:, 1]))
            out.append(f"{tag} {np.mean(v):.3f}±{np.std(v):.3f}")
        print(s, ' | '.join(out), flush=True)

def main():
    R = {}
    oof = np.zeros((len(rows), 8))
    folds = list(GroupKFold(5).split(np.zeros(len(rows)), ytr, groups))
    for a, b in folds:
        M, H = lms(a)
        for i in b: oof[i] = feats(toks['train'][i], M, H)
    R['train'] = oof
    M, H = lms(range(len(rows)))
    for n in SETS[1:]: R[n] = np.array([feats(t, M, H) for t in toks[n]])
    names = ['mean2', 'std2', 'q10', 'q50', 'q90', 'pos', 'mean1', 'z']
    for j, k in enumerate(names):
        print(f"{k:6s}", ' '.join(f"{n} {roc_auc_score(S[n][2], R[n][:, j]):.3f}" for n in SETS), flush=True)

    Htr = Hx(rows)
    bag = {'train': np.zeros(len(rows))}
    for a, b in folds:
        bag['train'][b] = LogisticRegression(C=1, max_iter=3000, solver='liblinear').fit(Htr[a], ytr[a]).decision_function(Htr[b])
    full = LogisticRegression(C=1, max_iter=3000, solver='liblinear').fit(Htr, ytr)
    for n in SETS[1:]: bag[n] = full.decision_function(Hx(S[n][0]))
    for tag, extra in [('dense + bag', lambda n: bag[n][:, None]), ('dense + bag + lmratio', lambda n: np.hstack([bag[n][:, None], R[n]])), ('dense + lmratio', lambda n: R[n])]:
        res = {n: [] for n in SETS[1:]}
        for seed in (1, 2, 3):
            Xtr = np.hstack([S['train'][1], extra('train')])
            sc = StandardScaler().fit(Xtr); f = lambda X: np.clip(sc.transform(X), -8, 8)
            m = MLPClassifier((32,), alpha=1e-4, max_iter=60, random_state=seed, learning_rate_init=0.003).fit(f(Xtr), ytr)
            for n in res: res[n].append(roc_auc_score(S[n][2], m.predict_proba(f(np.hstack([S[n][1], extra(n)])))[:, 1]))
        print(tag, ' '.join(f"{n} {np.mean(v):.3f}±{np.std(v):.3f}" for n, v in res.items()), flush=True)

lodo() if '--lodo' in sys.argv else main()
