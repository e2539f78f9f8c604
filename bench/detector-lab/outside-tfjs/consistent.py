import sys; sys.path.insert(0,__import__('os').path.dirname(__file__))
from common import *
import xgboost as xgb
from sklearn.preprocessing import StandardScaler
from sklearn.neural_network import MLPClassifier
import warnings; warnings.filterwarnings('ignore')
names=open('/dev/stdin').read().strip().split(',')
S={n:load(n) for n in ['train','dev','modern','seqxgpt']}
tr=S['train'][0]
# direction per training source (originals only)
srcs=sorted(set(r['source'] for r in tr))
cons=[]
print('feature'.ljust(34),' '.join(s[:8] for s in srcs),'| dev modern seqx')
for j,k in enumerate(names):
    a=[]
    for s in srcs:
        sel=np.array([r['source']==s and '#crop' not in r['id'] for r in tr])
        a.append(roc_auc_score(S['train'][2][sel],S['train'][1][sel,j]))
    e=[roc_auc_score(S[n][2],S[n][1][:,j]) for n in ['dev','modern','seqxgpt']]
    same=all(x>0.5 for x in a) or all(x<0.5 for x in a)
    if same: cons.append(j)
    print(k.ljust(34),' '.join(f"{x:.2f}".ljust(8) for x in a),'|',' '.join(f"{x:.2f}" for x in e),'*' if same else '')
print('consistent on every training source:',len(cons))
for cols,tag in [(list(range(len(names))),'all'),(cons,'consistent')]:
    sc=StandardScaler().fit(tr[:, cols] if False else S['train'][1][:,cols]); f=lambda X: np.clip(sc.transform(X[:,cols]),-8,8)
    for kind in ['xgb','mlp']:
        m=(xgb.XGBClassifier(n_estimators=400,learning_rate=0.05,max_depth=4,subsample=0.8,colsample_bytree=0.8,n_jobs=2,random_state=1) if kind=='xgb' else MLPClassifier((32,),alpha=1e-4,max_iter=60,random_state=1,learning_rate_init=0.003)).fit(f(S['train'][1]),S['train'][2])
        print(tag,kind,' '.join(f"{n} {rep(S[n][2],m.predict_proba(f(S[n][1]))[:,1])}" for n in ['dev','modern','seqxgpt']))
