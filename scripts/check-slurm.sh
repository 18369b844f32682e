#!/usr/bin/env bash
# make check-slurm: runs the documented Slurm array job of `iars risk`
# (docs/examples/slurm/iars-risk.sbatch, then iars-risk-merge.sbatch) for real
# on a one-node Slurm started here, and checks that the merged report is
# byte-identical to one unsharded run.
#
#   scripts/check-slurm.sh BIN            # BIN: the iars binary to run
#
# Needs Debian's slurm-wlm (apt-get install slurm-wlm: slurmctld, slurmd,
# sbatch, munge) and root to start the daemons. When a Slurm is already
# answering (sinfo works), it is used as it is; otherwise munged, slurmctld
# and slurmd are started with a throw-away configuration under .build/slurm
# and stopped again at the end. Without Slurm it says so and fails: the check
# did not run.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$(realpath "${1:-.build/release/iars}")
FUTURES=${IARS_FUTURES:-40}
if ! command -v sbatch >/dev/null || ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null; then
    echo "check-slurm: NOT RUN: Slurm is not installed here (apt-get install -y slurm-wlm)" >&2
    exit 1
fi
ROOT=$PWD
WORK="$ROOT/.build/slurm"
rm -rf "$WORK" && mkdir -p "$WORK"/{spool,state,log,run}
started=()
cleanup() {
    for pidfile in "${started[@]}"; do
        [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
    done
}
trap cleanup EXIT

if ! sinfo >/dev/null 2>&1; then
    [ "$(id -u)" -eq 0 ] || { echo "check-slurm: NOT RUN: starting Slurm's daemons needs root" >&2; exit 1; }
    HOST=$(hostname)
    cat >"$WORK/slurm.conf" <<CONF
ClusterName=iars-check
SlurmctldHost=$HOST
SlurmUser=root
SlurmdUser=root
SlurmctldPort=16817
SlurmdPort=16818
AuthType=auth/munge
StateSaveLocation=$WORK/state
SlurmdSpoolDir=$WORK/spool
SlurmctldPidFile=$WORK/run/slurmctld.pid
SlurmdPidFile=$WORK/run/slurmd.pid
SlurmctldLogFile=$WORK/log/slurmctld.log
SlurmdLogFile=$WORK/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
NodeName=$HOST CPUs=$(nproc) State=UNKNOWN
PartitionName=check Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
CONF
    export SLURM_CONF="$WORK/slurm.conf"
    if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
        mkdir -p /run/munge && chown munge:munge /run/munge 2>/dev/null || true
        munged --force --pid-file="$WORK/run/munged.pid" 2>/dev/null
        started+=("$WORK/run/munged.pid")
    fi
    slurmctld -f "$SLURM_CONF"
    started+=("$WORK/run/slurmctld.pid")
    sleep 2
    slurmd -f "$SLURM_CONF"
    started+=("$WORK/run/slurmd.pid")
    for _ in $(seq 30); do sinfo -h -o %t 2>/dev/null | grep -q idle && break; sleep 1; done
fi
sinfo

# The job runs in a folder of its own, as on a cluster's shared file system.
JOB="$WORK/job"
mkdir -p "$JOB/scenarios" "$JOB/bin"
cp scenarios/albania-2001.yaml "$JOB/scenarios/"
ln -s "$BIN" "$JOB/bin/iars"
cd "$JOB"
export PATH="$JOB/bin:$PATH" IARS_FUTURES="$FUTURES"
jid=$(sbatch --parsable "$ROOT/docs/examples/slurm/iars-risk.sbatch")
mid=$(sbatch --parsable --dependency=afterok:"$jid" "$ROOT/docs/examples/slurm/iars-risk-merge.sbatch")
echo "check-slurm: array job $jid (4 tasks), merge job $mid"
for _ in $(seq 600); do
    squeue -h -j "$jid,$mid" 2>/dev/null | grep -q . || break
    sleep 1
done
cat iars-risk-merge-*.log 2>/dev/null || true
[ -f risk.json ] || { echo "check-slurm: FAILED: no risk.json (logs in $JOB)" >&2; exit 1; }
iars risk scenarios/albania-2001.yaml --futures "$FUTURES" --format json --output single.json
iars risk scenarios/albania-2001.yaml --futures "$FUTURES" --output single.txt
cmp risk.json single.json
cmp risk.txt single.txt
echo "check-slurm: OK: 4 Slurm tasks of $FUTURES futures merged = one run, byte for byte ($(ls risk-parts | wc -l) parts)"
