import sys,re; sys.path.insert(0,__import__('os').path.dirname(__file__))
from common import *
import xgboost as xgb
from sklearn.preprocessing import StandardScaler
import warnings; warnings.filterwarnings('ignore')
words=open(__import__('os').environ.get('EMB_DIR','/tmp/emb')+'/words100k.txt').read().split('\n')
V=np.fromfile(__import__('os').environ.get('EMB_DIR','/tmp/emb')+'/vec100k.f32',dtype=np.float32).reshape(-1,100)
V=V/ (np.linalg.norm(V,axis=1,keepdims=True)+1e-9)
idx={w:i for i,w in enumerate(words)}
STOP=set(words[:150])
TOK=re.compile(r"[a-z]+(?:'[a-z]+)?|\d+")
def feats(t):
    ws=t.split()[:320]; text=' '.join(ws).lower()
    sents=[s for s in re.split(r'(?<=[.!?])\s+',text) if s.strip()]
    toks=[w for w in TOK.findall(text) if w in idx and w not in STOP]
    f=np.zeros(9)
    if len(toks)<4: return f
    E=V[[idx[w] for w in toks]]
    c=E.mean(0); cn=c/ (np.linalg.norm(c)+1e-9)
    sims=E@cn
    f[0]=np.linalg.norm(c)           # concentration
    f[1]=sims.mean(); f[2]=sims.std()
    # sentence centroids
    cs=[]
    for s in sents:
        tt=[w for w in TOK.findall(s) if w in idx and w not in STOP]
        if tt: 
            m=V[[idx[w] for w in tt]].mean(0); cs.append(m/(np.linalg.norm(m)+1e-9))
    if len(cs)>1:
        adj=[cs[i]@cs[i+1] for i in range(len(cs)-1)]
        f[3]=np.mean(adj); f[4]=np.min(adj)
    # prompt vs rest (first 30 words)
    k=min(len(E)//2, 12)
    if k>=2:
        a=E[:k].mean(0); b=E[k:].mean(0)
        f[5]=a@b/(np.linalg.norm(a)*np.linalg.norm(b)+1e-9)
    # local window coherence: adjacent content word cosine
    adjw=(E[:-1]*E[1:]).sum(1); f[6]=adjw.mean(); f[7]=adjw.std()
    # drift: similarity of first third to last third
    n3=len(E)//3
    if n3>=2:
        a=E[:n3].mean(0); b=E[-n3:].mean(0); f[8]=a@b/(np.linalg.norm(a)*np.linalg.norm(b)+1e-9)
    return f
names=['conc','sim_mean','sim_std','sent_adj','sent_adj_min','head_rest','adjw','adjw_std','drift']
S={}
for n in ['train','dev','modern','seqxgpt']:
    rows,X,y=load(n); F=np.array([feats(r['text']) for r in rows]); S[n]=(X,F,y,rows)
for j,k in enumerate(names):
    print(f"{k:12s}",' '.join(f"{roc_auc_score(S[n][2],S[n][1][:,j]):.3f}" for n in ['dev','modern','seqxgpt']))
    # per dev generator
gens=sorted(set(r['generator'] for r in S['dev'][3] if r['label']=='synthetic'))
for use in [False,True]:
    Xtr=np.hstack([S['train'][0],S['train'][1]]) if use else S['train'][0]
    sc=StandardScaler().fit(Xtr); f=lambda X: np.clip(sc.transform(X),-8,8)
    m=xgb.XGBClassifier(n_estimators=400,learning_rate=0.05,max_depth=4,subsample=0.8,colsample_bytree=0.8,n_jobs=2,random_state=1).fit(f(Xtr),S['train'][2])
    res=[]
    for n in ['dev','modern','seqxgpt']:
        X=np.hstack([S[n][0],S[n][1]]) if use else S[n][0]
        res.append(f"{n} {rep(S[n][2],m.predict_proba(f(X))[:,1])}")
    print('xgb', 'emb' if use else 'base', ' '.join(res))
