"""Topical-coherence features from word vectors (features in coherence_variants.py): each one's
AUROC on dev, the modern hold-out and SeqXGPT, and XGBoost with and without them. Needs
export-embeddings.mjs output in $EMB_DIR."""
import sys, os; sys.path.insert(0, os.path.dirname(__file__))
import coherence_variants as cv
from common import *
import xgboost as xgb
from sklearn.preprocessing import StandardScaler
S = cv.S
idx, V = cv.table(100000, 100, False); stop = set(cv.WORDS[:150])
F = {n: np.array([cv.feats(r['text'], idx, V, stop) for r in S[n][0]]) for n in cv.SETS}
names = ['conc', 'sim_mean', 'sim_std', 'sent_adj', 'sent_adj_min', 'head_rest', 'adjw', 'adjw_std', 'drift']
for j, k in enumerate(names):
    print(f"{k:12s}", ' '.join(f"{roc_auc_score(S[n][2], F[n][:, j]):.3f}" for n in ['dev', 'modern', 'seqxgpt']))
for use in [False, True]:
    X = lambda n: np.hstack([S[n][1], F[n]]) if use else S[n][1]
    sc = StandardScaler().fit(X('train')); f = lambda Z: np.clip(sc.transform(Z), -8, 8)
    m = xgb.XGBClassifier(n_estimators=400, learning_rate=0.05, max_depth=4, subsample=0.8, colsample_bytree=0.8, n_jobs=2, random_state=1).fit(f(X('train')), S['train'][2])
    print('xgb', 'emb' if use else 'base', ' '.join(f"{n} {rep(S[n][2], m.predict_proba(f(X(n)))[:, 1])}" for n in ['dev', 'modern', 'seqxgpt']))
