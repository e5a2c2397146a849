# Sourced by the threads-*.sh tests; $d is the caller's scratch folder.
# same_in_threads LABEL CHUNK TOOL ARGS...: TOOL -j 1 ARGS and TOOL -j 2
# ARGS, in chunks of CHUNK bytes (RUSDATA_CHUNK_BYTES); prints whether
# standard output, standard error and the exit status are the same bytes,
# with the status and the lines of output of -j 1.  The runs' files stay
# in $d: out1, err1, status1 and out2, err2, status2.
same_in_threads() {
	label=$1 chunk=$2 tool=$3
	shift 3
	for j in 1 2; do
		RUSDATA_CHUNK_BYTES=$chunk "$tool" -j $j "$@" >"$d/out$j" 2>"$d/err$j"
		echo $? >"$d/status$j"
	done
	same=same
	for f in out err status; do
		cmp -s "$d/${f}1" "$d/${f}2" || same="$f differs"
	done
	echo "${label}chunk $chunk: $same, status $(cat "$d/status1"), $(wc -l <"$d/out1") lines"
}
