#!/usr/bin/env python3
"""A second model of plan-new's rules (plan-new(1)), written from the man page
and not from the C code, to check the expected plans of these tests.  Not run
by the test suite (the project's tools need no Python).

usage: oracle.py PROTOCOL START no|se|none [WEEKDAY 0-6|-] [REVIEW_WEEKS] [nostart]
Writes the plan of patient P1, episode E1 with the built-in PROTOCOL, and
one line per dropped item on standard error."""
import sys, datetime as dt
from dateutil.easter import easter

D = dt.date
def hol(country, year):
    e = easter(year)
    off = lambda n: e + dt.timedelta(days=n)
    if country == 'no':
        return {D(year,1,1), off(-3), off(-2), e, off(1), D(year,5,1), D(year,5,17),
                off(39), off(49), off(50), D(year,12,25), D(year,12,26)}
    if country == 'se':
        mids = next(D(year,6,d) for d in range(19,26) if D(year,6,d).weekday()==4)
        allsaints = next(d for d in (D(year,10,31)+dt.timedelta(days=i) for i in range(7)) if d.weekday()==5)
        return {D(year,1,1), D(year,1,6), off(-2), e, off(1), D(year,5,1), off(39), off(49),
                D(year,6,6), mids, mids+dt.timedelta(days=1), allsaints,
                D(year,12,24), D(year,12,25), D(year,12,26), D(year,12,31)}
    return set()

def working(country, d, extra=()):
    return d.weekday() < 5 and d not in hol(country, d.year) and d not in extra

P = {
 'twelve-step': [('intensive',1,4,'days',{0,1,2,3,4},['group'],['step-1','step-2','step-3','step-4','step-5']),
                 ('intensive',1,4,'weekly',None,['family'],[]),
                 ('intensive',1,4,'weekly',None,['self-help'],[]),
                 ('aftercare',5,56,'weekly',None,['group'],[]),
                 ('aftercare',5,56,'weekly',None,['self-help'],[])],
 'relapse-prevention': [('treatment',1,8,'weekly',None,['group'],
    'functional-analysis|high-risk-situations|craving|refusal-skills|warning-signs|problem-solving|emergency-plan|balanced-lifestyle'.split('|'))],
 'network-therapy': [('mapping',1,4,'days',{0,3},['individual','network'],[]),
                     ('mobilisation',5,20,'days',{0,3},['individual','network'],[]),
                     ('maintenance',21,24,'days',{0,3},['individual','network'],[])],
}

def main():
    proto, start, country = sys.argv[1], dt.date.fromisoformat(sys.argv[2]), sys.argv[3]
    weekday = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[4] != '-' else start.weekday()
    review = int(sys.argv[5]) if len(sys.argv) > 5 else 4
    nostart = len(sys.argv) > 6
    rows = P[proto]
    def phase_of(d):
        wk = (d - start).days // 7 + 1
        for r in rows:
            if r[1] <= wk <= r[2]:
                return r[0]
        return ''
    items = []  # dict: planned, date, act, rank, seq, phase, topic, dropped
    seq = [0]
    def add(day, act, rank, phase, topic):
        items.append(dict(planned=day, date=day, act=act, rank=rank, seq=seq[0], phase=phase, topic=topic, dropped=False, placed=False))
        seq[0] += 1
    if not nostart:
        nxt = start + dt.timedelta(days=1)
        while nxt.weekday() >= 5: nxt += dt.timedelta(days=1)
        ph = phase_of(start)
        add(start, 'assessment', 0, ph, ''); add(start, 'suicide-risk', 1, ph, '')
        add(nxt, 'treatment-plan', 2, ph, ''); add(nxt, 'crisis-plan', 3, ph, '')
    for i, (ph, wf, wt, kind, days, acts, topics) in enumerate(rows):
        slot = 0
        for wk in range(wf, wt + 1):
            for off in range(7):
                d = start + dt.timedelta(days=7*(wk-1)+off)
                ok = d.weekday() == weekday if kind == 'weekly' else d.weekday() in days
                if ok:
                    add(d, acts[slot % len(acts)], 4 + i, ph, topics[slot % len(topics)] if topics else '')
                    slot += 1
    def rule():
        for it in sorted(items, key=lambda x: (x['planned'], x['rank'], x['seq'])):
            if it['placed']: continue
            it['placed'] = True
            if working(country, it['planned']): continue
            wk0 = start + dt.timedelta(days=7*((it['planned']-start).days//7))
            d = it['planned'] + dt.timedelta(days=1)
            it['dropped'] = True
            while d <= wk0 + dt.timedelta(days=6):
                if working(country, d) and not any(o['date']==d and o['act']==it['act'] and not o['dropped'] for o in items if o is not it):
                    it['date'] = d; it['dropped'] = False; break
                d += dt.timedelta(days=1)
    rule()
    prot = [it for it in items if 4 <= it['rank'] < 4+len(rows) and not it['dropped']]
    if prot:
        last = max(it['date'] for it in prot)
        wk = 1 + review
        while start + dt.timedelta(days=7*(wk-1)) <= last:
            d = start + dt.timedelta(days=7*(wk-1))
            add(d, 'goal-review', 4+len(rows), phase_of(d), '')
            wk += review
        e = max(start, last - dt.timedelta(days=14))
        add(e, 'end-planning', 5+len(rows), phase_of(e), '')
        rule()
    print('patient_id,episode_id,item,date,activity,phase,topic')
    n = 0
    for it in sorted(items, key=lambda x: (x['date'], x['rank'], x['seq'])):
        if it['dropped']:
            print('DROPPED', it['act'], it['planned'], it['topic'], file=sys.stderr)
            continue
        n += 1
        print(f"P1,E1,{n},{it['date']},{it['act']},{it['phase']},{it['topic']}")

main()
