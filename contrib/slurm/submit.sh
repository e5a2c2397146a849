#!/bin/bash
# Submits TOOL over the shards in DIR to Slurm: a job array with one task
# per shard (shard-task.sbatch), and a merge job (merge-task.sbatch) that
# starts when every task has ended well (afterok) and writes OUTPUT.
#   submit.sh TOOL DIR OUTPUT [OPTION ...]
# The OPTIONs go to both steps, except that for outcome-report --format,
# --min-cell and --title go to the merge only (the partials keep
# unsuppressed counts).  Account, partition and the like come from the
# environment sbatch reads itself (SBATCH_ACCOUNT, SBATCH_PARTITION).
# Prints the two job ids.
set -eu
[ $# -ge 3 ] || { echo "usage: submit.sh TOOL DIR OUTPUT [OPTION ...]" >&2; exit 2; }
tool=$1 dir=$(realpath "$2") output=$(realpath -m "$3")
shift 3
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=shards.sh
. "$here/shards.sh"
n=$(shard_count "$dir")
task_opts=() merge_opts=()
while [ $# -gt 0 ]; do
	case $tool:$1 in
	outcome-report:--format | outcome-report:--min-cell | outcome-report:--title)
		[ $# -ge 2 ] || { echo "submit.sh: $1 needs a value" >&2; exit 2; }
		merge_opts+=("$1" "$2"); shift 2; continue ;;
	outcome-report:--format=* | outcome-report:--min-cell=* | outcome-report:--title=*)
		merge_opts+=("$1"); shift; continue ;;
	esac
	task_opts+=("$1") merge_opts+=("$1")
	shift
done
mkdir -p "$dir/logs"
export RUSDATA_SLURM="$here"
array=$(sbatch --parsable --array="1-$n" --job-name="$tool-shard" \
    --output="$dir/logs/$tool-%A_%a.log" \
    "$here/shard-task.sbatch" "$tool" "$dir" "${task_opts[@]}")
array=${array%%;*}
merge=$(sbatch --parsable --dependency="afterok:$array" --kill-on-invalid-dep=yes \
    --job-name="$tool-merge" --output="$dir/logs/$tool-merge-%j.log" \
    "$here/merge-task.sbatch" "$tool" "$dir" "$output" "${merge_opts[@]}")
echo "array $array merge ${merge%%;*}"
