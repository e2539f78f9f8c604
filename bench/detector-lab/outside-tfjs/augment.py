import sys; sys.path.insert(0,__import__('os').path.dirname(__file__))
from common import *
import xgboost as xgb
from sklearn.preprocessing import StandardScaler
from sklearn.neural_network import MLPClassifier
import warnings; warnings.filterwarnings('ignore')
S={n:load(n) for n in ['train','dev','modern','seqxgpt','train-misspelling','dev-misspelling','seqxgpt-misspelling','train-article-deletion','dev-article-deletion','seqxgpt-article-deletion']}
evals=['dev','dev-misspelling','dev-article-deletion','modern','seqxgpt','seqxgpt-misspelling','seqxgpt-article-deletion']
def run(trainsets,kind,seed=1):
    Xtr=np.vstack([S[t][1] for t in trainsets]); ytr=np.concatenate([S[t][2] for t in trainsets])
    sc=StandardScaler().fit(Xtr); f=lambda X: np.clip(sc.transform(X),-8,8)
    m=(xgb.XGBClassifier(n_estimators=400,learning_rate=0.05,max_depth=4,subsample=0.8,colsample_bytree=0.8,n_jobs=2,random_state=seed) if kind=='xgb' else MLPClassifier((32,),alpha=1e-4,max_iter=60,random_state=seed,learning_rate_init=0.003)).fit(f(Xtr),ytr)
    print(kind,'+'.join(trainsets),' '.join(f"{e}={roc_auc_score(S[e][2],m.predict_proba(f(S[e][1]))[:,1]):.3f}" for e in evals),flush=True)
for kind in ['xgb','mlp']:
    run(['train'],kind)
    run(['train','train-misspelling','train-article-deletion'],kind)
