"""Do the embedding-coherence features still help beside the n-gram bag? An MLP over the dense
features plus the bag's logit (out-of-fold for training documents, by pair group), 3 seeds."""
import sys, os, re; sys.path.insert(0, os.path.dirname(__file__))
import coherence_variants as cv
from common import *
from sklearn.preprocessing import StandardScaler
from sklearn.neural_network import MLPClassifier
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from scipy.sparse import hstack as sphstack
S = cv.S
rows = S['train'][0]; ytr = S['train'][2]
groups = np.array([re.sub(r'-[hs]$', '', r['id'].split('#')[0]) for r in rows])
win = lambda t: ' '.join(t.split()[:320]).lower()
hc = HashingVectorizer(analyzer='char', ngram_range=(3, 5), n_features=2**20, alternate_sign=False, norm='l2')
hw = HashingVectorizer(analyzer='word', ngram_range=(1, 2), n_features=2**20, alternate_sign=False, norm='l2', token_pattern=r"[a-z0-9']+")
H = lambda rs: sphstack([hc.transform([win(r['text']) for r in rs]), hw.transform([win(r['text']) for r in rs])]).tocsr()
Htr = H(rows)
bag = {}
oof = np.zeros(len(rows))
for a, b in GroupKFold(5).split(Htr, ytr, groups):
    oof[b] = LogisticRegression(C=1, max_iter=3000, solver='liblinear').fit(Htr[a], ytr[a]).decision_function(Htr[b])
bag['train'] = oof
full = LogisticRegression(C=1, max_iter=3000, solver='liblinear').fit(Htr, ytr)
for n in ['dev', 'modern', 'seqxgpt']: bag[n] = full.decision_function(H(S[n][0]))
idx, V = cv.table(30000, 32, True); stop = set(cv.WORDS[:150])
F = {n: np.array([cv.feats(r['text'], idx, V, stop) for r in S[n][0]]) for n in cv.SETS}
for tag, extra in [('dense + bag', lambda n: bag[n][:, None]), ('dense + bag + coherence', lambda n: np.hstack([bag[n][:, None], F[n]]))]:
    res = {n: [] for n in ['dev', 'modern', 'seqxgpt']}
    for seed in (1, 2, 3):
        Xtr = np.hstack([S['train'][1], extra('train')])
        sc = StandardScaler().fit(Xtr); f = lambda X: np.clip(sc.transform(X), -8, 8)
        m = MLPClassifier((32,), alpha=1e-4, max_iter=60, random_state=seed, learning_rate_init=0.003).fit(f(Xtr), ytr)
        for n in res: res[n].append(roc_auc_score(S[n][2], m.predict_proba(f(np.hstack([S[n][1], extra(n)])))[:, 1]))
    print(tag, ' '.join(f"{n} {np.mean(v):.3f}±{np.std(v):.3f}" for n, v in res.items()), flush=True)
