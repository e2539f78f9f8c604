import sys, re, math; sys.path.insert(0,__import__('os').path.dirname(__file__))
from common import *
import xgboost as xgb
from sklearn.preprocessing import StandardScaler
from sklearn.neural_network import MLPClassifier
import warnings; warnings.filterwarnings('ignore')
WORD=re.compile(r"[A-Za-z][A-Za-z'\-]*|\d+")
def words_window(t, n=320): return t.split()[:n]
LISTS={
 'we':{'we','us','our','ours','ourselves'},
 'he_she':{'he','she','him','her','his','hers','himself','herself'},
 'they':{'they','them','their','theirs','themselves'},
 'it':{'it','its','itself'},
 'modal':{'may','might','could','would','should','can','must','will','shall'},
 'hedge':{'perhaps','possibly','likely','generally','typically','often','usually','probably','potentially','various','several','overall','significant','significantly','important','crucial','essential'},
 'connect':{'however','additionally','furthermore','moreover','therefore','thus','consequently','overall','ultimately','also','while','although'},
 'neg':{'not',"n't",'no','never','nothing','none','nobody'},
 'intens':{'very','really','so','just','quite','pretty','totally','actually','literally'},
 'be':{'is','are','was','were','be','been','being','am'},
 'past':{'was','were','had','did','said'},
}
def feats(t):
    ws=words_window(t); n=max(1,len(ws)); text=' '.join(ws)
    toks=[w.strip('.,;:!?"()[]') for w in ws]; low=[w.lower() for w in toks]
    f={}
    # capitalisation
    sent_start=[i==0 or ws[i-1][-1:] in '.!?' for i in range(len(ws))]
    caps=[w[:1].isupper() for w in toks]
    f['cap_mid']=sum(c and not s for c,s in zip(caps,sent_start))/n
    f['allcaps']=sum(len(w)>1 and w.isupper() for w in toks)/n
    f['cap_any']=sum(caps)/n
    # suffix classes
    for suf in ['ly','ing','ed','tion','ness','ment','ous','ive','al','able','s']:
        f['suf_'+suf]=sum(w.endswith(suf) and len(w)>len(suf)+2 for w in low)/n
    for k,s in LISTS.items(): f['w_'+k]=sum(w in s for w in low)/n
    f['ends_punct']=1.0 if text.rstrip()[-1:] in '.!?"' else 0.0
    # word length entropy
    from collections import Counter
    L=Counter(min(len(w),15) for w in low if w)
    tot=sum(L.values()) or 1
    f['wlen_entropy']=-sum(c/tot*math.log(c/tot) for c in L.values())
    # first-word diversity of sentences
    sents=[s for s in re.split(r'(?<=[.!?])\s+',text) if s]
    fw=[s.split()[0].lower() for s in sents if s.split()]
    f['sent_first_div']=len(set(fw))/max(1,len(fw))
    f['n_sents_log']=math.log1p(len(sents))
    f['paren']=text.count('(')/n
    f['apost']=text.count("'")/n
    f['num_tokens']=sum(w.isdigit() for w in toks)/n
    # word repetition within 20-word window (local repetition)
    rep=0
    for i,w in enumerate(low):
        if len(w)>3 and w in low[max(0,i-20):i]: rep+=1
    f['local_rep']=rep/n
    # unique content word ratio of long words
    lw=[w for w in low if len(w)>6]
    f['long_ttr']=len(set(lw))/max(1,len(lw))
    return f
def build(name):
    rows,X,y=load(name)
    F=[feats(r['text']) for r in rows]; keys=list(F[0].keys())
    return rows,X,np.array([[d[k] for k in keys] for d in F]),y,keys
sets={n:build(n) for n in ['train','dev','modern','seqxgpt']}
keys=sets['train'][4]
# single-feature AUROC direction check
print('feature            dev   modern seqx')
for j,k in enumerate(keys):
    a=[roc_auc_score(sets[n][3],sets[n][2][:,j]) if len(set(sets[n][2][:,j]))>1 else 0.5 for n in ['dev','modern','seqxgpt']]
    print(f"{k:18s} "+' '.join(f"{v:.3f}" for v in a))
def run(use_new, kind):
    Xtr=sets['train'][1]; 
    if use_new: Xtr=np.hstack([Xtr,sets['train'][2]])
    sc=StandardScaler().fit(Xtr); f=lambda X: np.clip(sc.transform(X),-8,8)
    mk=(lambda: xgb.XGBClassifier(n_estimators=400,learning_rate=0.05,max_depth=4,subsample=0.8,colsample_bytree=0.8,n_jobs=2,random_state=1)) if kind=='xgb' else (lambda: MLPClassifier((32,),alpha=1e-4,max_iter=60,random_state=1,learning_rate_init=0.003))
    m=mk().fit(f(Xtr),sets['train'][3])
    out=[]
    for n in ['dev','modern','seqxgpt']:
        X=sets[n][1]
        if use_new: X=np.hstack([X,sets[n][2]])
        out.append(n+' '+rep(sets[n][3],m.predict_proba(f(X))[:,1]))
    print(kind,'new' if use_new else 'base',' '.join(out),flush=True)
for kind in ['xgb','mlp']:
    run(False,kind); run(True,kind)
