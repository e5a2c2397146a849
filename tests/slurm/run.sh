#!/bin/sh
# The cluster recipe on a real Slurm: a one-node cluster of this machine
# in a temporary folder, started here without systemd (munged, slurmctld,
# slurmd), synth-clinic data split into 8 shards by patient-split, the
# contrib/slurm job arrays and their dependent merge jobs submitted with
# sbatch, and the merged outputs compared byte for byte with one run over
# everything.  Stops the daemons it started, by their process ids, on any
# exit.  Needs root (slurmd runs jobs as their user); installs slurm-wlm
# and munge with apt-get when missing.  When Slurm cannot start, it says
# why and fails: it never skips.  Run by `make check-slurm` and .ci/run.
#   BIN=/path/to/bin sh tests/slurm/run.sh
# KEEP=1 keeps the temporary folder (logs: slurmctld.log, slurmd.log,
# munged.log, data/logs/*.log) also after a pass.
: "${BIN:?BIN must name the folder of the built tools}"
top=$(cd "$(dirname "$0")/../.." && pwd)
PATIENTS=${PATIENTS:-3000}
SHARDS=8
AS_OF=2026-06-30
TIMEOUT=180		# seconds for the jobs; the whole test stays under 5 minutes
started=$(date +%s)
pids=""
tmp=""

say() { printf 'check-slurm: %s\n' "$*"; }
fail() {
	say "FAIL: $*"
	if [ -n "$tmp" ]; then
		for log in slurmctld.log slurmctld.out slurmd.log slurmd.out munged.log; do
			[ -f "$tmp/$log" ] || continue
			echo "--- last lines of $tmp/$log"
			tail -n 15 "$tmp/$log"
		done
		for log in "$tmp"/data/logs/*.log; do
			[ -s "$log" ] && { echo "--- $log"; tail -n 5 "$log"; }
		done
		KEEP=1
		say "logs kept in $tmp"
	fi
	exit 1
}

stop_daemons() {
	for pid in $pids; do
		kill "$pid" 2>/dev/null
	done
	for pid in $pids; do
		i=0
		while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		kill -9 "$pid" 2>/dev/null
	done
	pids=""
	if [ -n "$tmp" ] && [ -z "${KEEP:-}" ]; then
		rm -rf "$tmp"
	fi
}
trap stop_daemons EXIT
trap 'exit 1' INT TERM HUP

# Slurm and munge, from Debian when missing.
need_install=""
for cmd in munged slurmctld slurmd sbatch squeue scontrol sinfo; do
	command -v "$cmd" >/dev/null 2>&1 || PATH="$PATH:/usr/sbin:/sbin"
	command -v "$cmd" >/dev/null 2>&1 || need_install=1
done
if [ "$(id -u)" != 0 ]; then
	fail "must run as root: slurmd starts jobs as their user (sudo make check-slurm)"
fi
if [ -n "$need_install" ]; then
	say "installing slurm-wlm and munge with apt-get"
	(apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq --no-install-recommends slurm-wlm munge) >/dev/null ||
	    fail "apt-get install slurm-wlm munge failed"
	for cmd in munged slurmctld slurmd sbatch; do
		command -v "$cmd" >/dev/null 2>&1 || fail "$cmd missing after apt-get install"
	done
fi
for tool in synth-clinic patient-split outcome-report urine-track session-log care-check; do
	[ -x "$BIN/$tool" ] || fail "$BIN/$tool missing (make all first)"
done

tmp=$(mktemp -d /tmp/rusdata-slurm.XXXXXX) || fail "mktemp"
chmod 755 "$tmp"
mkdir -p "$tmp/state" "$tmp/spool" "$tmp/munge" "$tmp/data"
chmod 755 "$tmp/munge"

# Two free TCP ports for slurmctld and slurmd (a system Slurm may hold 6817/6818).
# Read from /proc/net/tcp (state 0A: listening), so no iproute2 is needed.
listening() {
	awk '$4 == "0A" { print $2 }' /proc/net/tcp /proc/net/tcp6 2>/dev/null |
	    grep -qi ":$(printf '%04X' "$1")\$"
}
free_port() {
	port=$1
	while listening "$port"; do
		port=$((port + 1))
	done
	echo "$port"
}
ctld_port=$(free_port 16817)
slurmd_port=$(free_port $((ctld_port + 1)))

# munge: a fresh key, a socket in the temporary folder.
dd if=/dev/urandom of="$tmp/munge/munge.key" bs=1024 count=1 2>/dev/null ||
    fail "cannot write a munge key"
chmod 400 "$tmp/munge/munge.key"
socket="$tmp/munge/munge.socket"
munged --foreground --force --key-file="$tmp/munge/munge.key" --socket="$socket" \
    --pid-file="$tmp/munge/munged.pid" --seed-file="$tmp/munge/munged.seed" \
    --log-file="$tmp/munged.log" >>"$tmp/munged.log" 2>&1 &
pids="$!"

# slurm.conf: this machine as the only node, state and spool here.
host=$(hostname -s)
node=$(slurmd -C 2>/dev/null | head -n 1)
case $node in
NodeName=*) ;;
*) fail "slurmd -C did not describe this machine: $node" ;;
esac
cat >"$tmp/slurm.conf" <<EOF
ClusterName=rusdata-check
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/slurmctld.log
SlurmdLogFile=$tmp/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SwitchType=switch/none
MpiDefault=none
SchedulerType=sched/backfill
SchedulerParameters=bf_interval=1,sched_min_interval=100000
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MinJobAge=600
$node NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=check Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
cat >"$tmp/cgroup.conf" <<EOF
CgroupPlugin=cgroup/v1
IgnoreSystemd=yes
EOF
SLURM_CONF="$tmp/slurm.conf"
export SLURM_CONF

i=0
while [ ! -S "$socket" ]; do
	kill -0 $pids 2>/dev/null || fail "munged did not start"
	[ $i -lt 100 ] || fail "munged made no socket in 10 s"
	sleep 0.1
	i=$((i + 1))
done
slurmctld -D -i -f "$SLURM_CONF" >"$tmp/slurmctld.out" 2>&1 &
ctld=$!
pids="$pids $ctld"
slurmd -D -f "$SLURM_CONF" >"$tmp/slurmd.out" 2>&1 &
slurmd=$!
pids="$pids $slurmd"

# Wait for the node to come up idle.
i=0
while :; do
	state=$(sinfo -h -n "$host" -o %T 2>/dev/null)
	case $state in
	idle*) break ;;
	esac
	kill -0 "$ctld" 2>/dev/null || fail "slurmctld stopped (see slurmctld.log)"
	kill -0 "$slurmd" 2>/dev/null || fail "slurmd stopped (see slurmd.log)"
	[ $i -lt 60 ] || fail "node $host not idle after 60 s (state '$state')"
	sleep 1
	i=$((i + 1))
done
say "Slurm $(sinfo -V | cut -d' ' -f2) up: node $host idle ($(($(date +%s) - started)) s)"

# Data, shards, and the single runs to compare with.
PATH="$BIN:$PATH"
export PATH
data="$tmp/data"
synth-clinic --patients "$PATIENTS" --seed 18 --as-of "$AS_OF" --out-dir "$data/in" ||
    fail "synth-clinic"
patient-split --shards "$SHARDS" --out-dir "$data/shards" "$data/in"/*.csv ||
    fail "patient-split"
in="$data/in"
outcome-report --as-of "$AS_OF" --by clinic,modality --sessions "$in/sessions.csv" \
    --urine "$in/urine.csv" --goals "$in/goals.csv" --prescribed "$in/prescriptions.csv" \
    "$in/episodes.csv" 2>>"$data/single.err" >"$data/one.outcome-report.csv" || fail "outcome-report single run"
urine-track --summary --as-of "$AS_OF" --episodes "$in/episodes.csv" \
    --prescribed "$in/prescriptions.csv" "$in/urine.csv" \
    2>>"$data/single.err" >"$data/one.urine-track.csv" || fail "urine-track single run"
session-log --summary --as-of "$AS_OF" --plan "$in/plan.csv" --episodes "$in/episodes.csv" \
    "$in/sessions.csv" 2>>"$data/single.err" >"$data/one.session-log.csv" || fail "session-log single run"
care-check --as-of "$AS_OF" --sessions "$in/sessions.csv" --goals "$in/goals.csv" \
    --urine "$in/urine.csv" --prescribed "$in/prescriptions.csv" "$in/episodes.csv" \
    2>>"$data/single.err" >"$data/one.care-check.csv" ||
    fail "care-check single run"

# The job arrays and their merge jobs.
say "data: $PATIENTS patients in $SHARDS shards ($(($(date +%s) - started)) s)"
merges=""
for tool in outcome-report urine-track session-log care-check; do
	if [ "$tool" = outcome-report ]; then
		set -- --as-of "$AS_OF" --by clinic,modality
	else
		set -- --as-of "$AS_OF"
	fi
	ids=$(bash "$top/contrib/slurm/submit.sh" "$tool" "$data/shards" \
	    "$data/merged.$tool.csv" "$@") || fail "submit.sh $tool: $ids"
	say "$tool: $ids"
	merges="$merges ${ids##* }"
done

job_state() {
	scontrol show job "$1" 2>/dev/null | tr ' ' '\n' | sed -n 's/^JobState=//p' | head -n 1
}
i=0
while :; do
	pending=""
	for job in $merges; do
		state=$(job_state "$job")
		case $state in
		COMPLETED) ;;
		PENDING | CONFIGURING | RUNNING | COMPLETING | "") pending=1 ;;
		*) fail "merge job $job ended $state" ;;
		esac
	done
	[ -z "$pending" ] && break
	[ $i -lt $TIMEOUT ] || fail "jobs not done after $TIMEOUT s: $(squeue -h 2>&1 | head -n 5)"
	sleep 1
	i=$((i + 1))
done

say "jobs done ($(($(date +%s) - started)) s)"
# Each tool ran as SHARDS array tasks (one log each) and its merge job.
for tool in outcome-report urine-track session-log care-check; do
	tasks=$(find "$data/shards/logs" -name "$tool-[0-9]*_[0-9]*.log" | wc -l)
	[ "$tasks" -eq "$SHARDS" ] || fail "$tool: $tasks array task logs, expected $SHARDS"
done

# Compare: the report byte for byte; the per-patient outputs with their rows sorted.
cmp "$data/one.outcome-report.csv" "$data/merged.outcome-report.csv" ||
    fail "merged outcome report differs from the single run"
rows=$(($(wc -l <"$data/one.outcome-report.csv") - 1))
[ "$rows" -ge 10 ] || fail "the report has $rows rows: too few to compare"
say "outcome-report: merged report of $SHARDS shards identical to the single run ($rows rows)"
for tool in urine-track session-log care-check; do
	{
		head -n 1 "$data/one.$tool.csv"
		tail -n +2 "$data/one.$tool.csv" | LC_ALL=C sort
	} | cmp - "$data/merged.$tool.csv" ||
	    fail "$tool: merged output differs from the single run sorted"
	say "$tool: merged output identical to the single run sorted ($(wc -l <"$data/merged.$tool.csv") lines)"
done
say "passed in $(($(date +%s) - started)) s ($PATIENTS patients, $SHARDS shards)"
