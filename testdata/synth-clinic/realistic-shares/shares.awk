# Checks the documented shares of synth-clinic(1) on generated tables.
# Input: the files episodes.csv, sessions.csv, urine.csv, goals.csv in
# that order (FILENAME tells them apart).  Prints one line per claim.
function between(name, v, lo, hi) {
	printf "%s in %.2f..%.2f: %s\n", name, lo, hi, (v >= lo && v <= hi) ? "yes" : "no " v
}
function day(s,   y, m, d) {
	# Days since 2000-03-01 (civil calendar), for differences only.
	y = substr(s, 1, 4) + 0; m = substr(s, 6, 2) + 0; d = substr(s, 9, 2) + 0
	if (m < 3) { y--; m += 12 }
	return 365 * y + int(y / 4) - int(y / 100) + int(y / 400) + int((153 * (m - 3) + 2) / 5) + d
}
BEGIN { FS = "," }
FNR == 1 { for (i = 1; i <= NF; i++) col[FILENAME, $i] = i; next }
FILENAME ~ /episodes/ {
	episodes++
	patients[$1]++
	modality[$(col[FILENAME, "modality"])]++
	sex[$(col[FILENAME, "sex"])]++
	reason = $(col[FILENAME, "end_reason"])
	if (reason == "") ongoing++; else { ended++; if (reason == "dropout") dropout++ }
	age = substr($(col[FILENAME, "start_date"]), 1, 4) - $(col[FILENAME, "birth_year"])
	group[age < 18 ? "0-17" : age < 25 ? "18-24" : age < 65 ? "25-64" : "65+"]++
	year[substr($(col[FILENAME, "start_date"]), 1, 4)]++
	start[$(col[FILENAME, "episode_id"])] = day($(col[FILENAME, "start_date"]))
	next
}
FILENAME ~ /sessions/ {
	if ($(col[FILENAME, "activity"]) == "self-help") { self_help++; next }
	a = $(col[FILENAME, "attendance"])
	if (a == "attended") attended++
	if (a == "no-show") no_show++
	ors = $(col[FILENAME, "ors"])
	if (ors != "") {
		e = $2
		if (!(e in first_ors)) first_ors[e] = ors
		last_ors[e] = ors
	}
	next
}
FILENAME ~ /urine/ {
	p = $1; d = day($2)
	if (!(p in first_sample)) first_sample[p] = d
	r = $(col[FILENAME, "result"])
	offset = d - first_sample[p]
	if (r != "neg" && r != "negativ" && r != "pos" && r != "positiv") { missing++; next }
	tests++
	if (r ~ /^pos/) positive = 1; else positive = 0
	if (offset <= 28) { early++; early_pos += positive }
	else if (offset > 84) { late++; late_pos += positive }
	if ($3 !~ /^(alcohol|cannabis|opioids|stimulants|cocaine|benzodiazepines|gabapentinoids|ghb|hallucinogens|other)$/) lab++
	next
}
FILENAME ~ /goals/ {
	if ($(col[FILENAME, "attainment"]) != "") next
	goals++
	if ($(col[FILENAME, "set_by"]) != "clinician") by_patient++
	next
}
END {
	for (p in patients) { npat++; if (patients[p] > 1) second++ }
	between("twelve-step share", modality["twelve-step"] / episodes, 0.30, 0.40)
	between("relapse-prevention share", modality["relapse-prevention"] / episodes, 0.20, 0.30)
	between("network-therapy share", modality["network-therapy"] / episodes, 0.12, 0.18)
	between("male share", sex["male"] / episodes, 0.65, 0.75)
	between("age group 0-17 share", group["0-17"] / episodes, 0.01, 0.06)
	between("age group 65+ share", group["65+"] / episodes, 0.04, 0.12)
	between("patients with a second episode", second / npat, 0.10, 0.20)
	between("ongoing episodes", ongoing / episodes, 0.12, 0.25)
	between("dropout share of ended episodes", dropout / ended, 0.25, 0.45)
	between("starts in 2023 share", year["2023"] / episodes, 0.05, 0.25)
	between("starts in 2026 share", year["2026"] / episodes, 0.30, 0.50)
	between("attended / (attended + no-show)", attended / (attended + no_show), 0.75, 0.90)
	for (e in first_ors) { n_ors++; gain += last_ors[e] - first_ors[e] }
	between("mean ORS change first to last", gain / n_ors, 2, 8)
	between("self-help rows per episode", self_help / episodes, 3, 15)
	between("positive share, first 4 weeks", early_pos / early, 0.15, 0.35)
	between("positive share, after week 12", late_pos / late, 0.03, 0.15)
	between("lab-named urine rows", lab / tests, 0.15, 0.35)
	between("missing, refused or invalid rows", missing / (tests + missing), 0.03, 0.12)
	between("goals set by patient or jointly", by_patient / goals, 0.80, 0.95)
}
