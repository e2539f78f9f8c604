import json, numpy as np
from sklearn.metrics import roc_auc_score, roc_curve
import os
D=os.environ.get('LAB_DIR','/tmp/lab').rstrip('/')+'/'
def load(name):
    rows=[json.loads(l) for l in open(D+name+'.jsonl')]
    X=np.array([r['dense'] for r in rows],dtype=np.float64)
    y=np.array([1 if r['label']=='synthetic' else 0 for r in rows])
    return rows,X,y
def tpr_at(y,s,f=0.01):
    fpr,tpr,_=roc_curve(y,s); 
    ok=fpr<=f
    return tpr[ok].max() if ok.any() else 0.0
def rep(y,s): return f"{roc_auc_score(y,s):.3f}/{tpr_at(y,s):.2f}"
