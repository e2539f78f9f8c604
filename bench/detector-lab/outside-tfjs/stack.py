import sys,re; sys.path.insert(0,__import__('os').path.dirname(__file__))
from common import *
import xgboost as xgb
from sklearn.preprocessing import StandardScaler
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from scipy.sparse import hstack as sphstack
import warnings; warnings.filterwarnings('ignore')
S={n:load(n) for n in ['train','dev','modern','seqxgpt']}
def group(i):
    i=i.split('#')[0]; return re.sub(r'-[hs]$','',i)
rows=S['train'][0]; groups=np.array([group(r['id']) for r in rows])
def win(t): return ' '.join(t.split()[:320]).lower()
hv_c=HashingVectorizer(analyzer='char',ngram_range=(3,5),n_features=2**20,alternate_sign=False,norm='l2')
hv_w=HashingVectorizer(analyzer='word',ngram_range=(1,2),n_features=2**20,alternate_sign=False,norm='l2',token_pattern=r"[a-z0-9']+")
def H(rs): 
    t=[win(r['text']) for r in rs]; return sphstack([hv_c.transform(t),hv_w.transform(t)]).tocsr()
Htr=H(rows); He={n:H(S[n][0]) for n in ['dev','modern','seqxgpt']}
ytr=S['train'][2]
for C in [0.3,1,3]:
    lr=LogisticRegression(C=C,max_iter=3000,solver='liblinear').fit(Htr,ytr)
    print('bag LR C',C,' '.join(f"{n} {rep(S[n][2],lr.decision_function(He[n]))}" for n in He),flush=True)
C=1
oof=np.zeros(len(rows))
for a,b in GroupKFold(5).split(Htr,ytr,groups):
    m=LogisticRegression(C=C,max_iter=3000,solver='liblinear').fit(Htr[a],ytr[a]); oof[b]=m.decision_function(Htr[b])
full=LogisticRegression(C=C,max_iter=3000,solver='liblinear').fit(Htr,ytr)
Xtr=np.column_stack([S['train'][1],oof]); sc=StandardScaler().fit(Xtr); f=lambda X: np.clip(sc.transform(X),-8,8)
m=xgb.XGBClassifier(n_estimators=400,learning_rate=0.05,max_depth=4,subsample=0.8,colsample_bytree=0.8,n_jobs=2,random_state=1).fit(f(Xtr),ytr)
print('stack xgb(dense+oof bag)',' '.join(f"{n} {rep(S[n][2],m.predict_proba(f(np.column_stack([S[n][1],full.decision_function(He[n])])))[:,1])}" for n in He))
