import sys; sys.path.insert(0,__import__('os').path.dirname(__file__))
from common import *
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from sklearn.neural_network import MLPClassifier
from sklearn.ensemble import HistGradientBoostingClassifier
import xgboost as xgb
tr,Xtr,ytr=load('train'); dv,Xdv,ydv=load('dev'); md,Xmd,ymd=load('modern'); sq,Xsq,ysq=load('seqxgpt')
sc=StandardScaler().fit(Xtr); f=lambda X: np.clip(sc.transform(X),-8,8)
srcs=sorted(set(r['source'] for r in tr if not r['id'].count('#crop')))
def models():
    yield 'LR', lambda: LogisticRegression(C=1.0,max_iter=2000)
    yield 'MLP32', lambda: MLPClassifier((32,),alpha=1e-4,max_iter=60,early_stopping=False,random_state=1,learning_rate_init=0.003)
    yield 'HGB', lambda: HistGradientBoostingClassifier(max_iter=400,learning_rate=0.05,max_leaf_nodes=15,l2_regularization=1.0,random_state=1)
    yield 'XGB', lambda: xgb.XGBClassifier(n_estimators=400,learning_rate=0.05,max_depth=4,subsample=0.8,colsample_bytree=0.8,reg_lambda=1.0,n_jobs=2,random_state=1)
for name,mk in models():
    m=mk().fit(f(Xtr),ytr)
    p=lambda X: m.predict_proba(f(X))[:,1]
    line=[name,'dev',rep(ydv,p(Xdv)),'modern',rep(ymd,p(Xmd)),'seqx',rep(ysq,p(Xsq))]
    # LODO for detect sources on dev subset
    lodo=[]
    for s in srcs:
        keep=np.array([r['source']!=s for r in tr])
        m2=mk().fit(f(Xtr[keep]),ytr[keep])
        if s.startswith('detectrl'):
            sel=np.array([r['source']==s for r in md]); X,y=Xmd[sel],ymd[sel]
        else:
            sel=np.array([r['source']==s for r in dv]); X,y=Xdv[sel],ydv[sel]
        lodo.append(f"{s[:12]}={roc_auc_score(y,m2.predict_proba(f(X))[:,1]):.3f}")
    print(' '.join(line),' | LODO',' '.join(lodo),flush=True)
