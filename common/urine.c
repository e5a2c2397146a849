#include "urine.h"

#include <stdlib.h>
#include <string.h>

#include "codes.h"
#include "diag.h"
#include "fields.h"
#include "idmap.h"
#include "map.h"
#include "rejects.h"

/*
 * Substance patterns match anywhere in a lab label ("U-Amfetamin",
 * "Etylglukuronid (EtG)"); short abbreviations are bounded by \b so that
 * they do not fire inside longer words.  Result words are anchored at the
 * start (a result cell holds one word, possibly with a comment after it);
 * negated phrases come before the plain ones.  First match wins.
 */
const struct rd_urine_map_row rd_urine_map[] = {
	{ "substance", "metamfetamin|methamphetamin", "stimulants",
	    "metamfetamin, methamphetamine" },
	{ "substance", "amfetamin|amphetamin|\\bMDMA\\b|ecstasy|"
	    "centralstimul|sentralstimul", "stimulants",
	    "amfetamin, amphetamine(s), MDMA, ecstasy, centralstimulantia, "
	    "sentralstimulerende" },
	{ "substance", "\\bTHC|cannabi|tetrahydrocannabinol|marihuana|marijuana",
	    "cannabis", "THC, THC-COOH, cannabis, cannabinoider, cannabinoids, "
	    "marijuana" },
	{ "substance", "etylglukuronid|ethylglucuronid|\\bEtG\\b|etylsulfat|"
	    "ethylsulfat|\\bEtS\\b|\\bPEth\\b|fosfatidyletanol|"
	    "phosphatidylethanol|\\betanol|\\bethanol|alkohol|alcohol", "alcohol",
	    "etylglukuronid, EtG, etylsulfat, EtS, PEth, fosfatidyletanol, "
	    "etanol, ethanol, alkohol, alcohol" },
	{ "substance", "kokain|cocain|bensoylekgonin|benzoylecgonin", "cocaine",
	    "kokain, cocaine, bensoylekgonin, benzoylecgonine" },
	{ "substance", "morfin|morphin|heroin|opiat|opioid|kodein|codein|"
	    "buprenorfin|buprenorphin|metadon|methadon|\\bEDDP\\b|oxykodon|"
	    "oxycodon|hydromorfon|hydromorphon|ketobemidon|fentanyl|tramadol|"
	    "\\b6-?MAM\\b", "opioids",
	    "morfin, morphine, heroin, 6-MAM, opiater, opiates, opioider, "
	    "opioids, kodein, codeine, buprenorfin, buprenorphine, metadon, "
	    "methadone, EDDP, oxykodon, oxycodone, hydromorfon, ketobemidon, "
	    "fentanyl, tramadol" },
	{ "substance", "bensodiazepin|benzodiazepin|diazepam|oxazepam|"
	    "alprazolam|klonazepam|clonazepam|nitrazepam|lorazepam|temazepam|"
	    "midazolam|\\bbenso\\b|\\bbenzo\\b", "benzodiazepines",
	    "bensodiazepiner, benzodiazepines, diazepam, nordiazepam, oxazepam, "
	    "alprazolam, klonazepam, clonazepam, flunitrazepam, nitrazepam, "
	    "lorazepam, temazepam, midazolam" },
	{ "substance", "pregabalin|gabapentin", "gabapentinoids",
	    "pregabalin, gabapentin" },
	{ "substance", "\\bGHB\\b|\\bGBL\\b|gamma-?hydroxybutyr", "ghb",
	    "GHB, GBL, gammahydroxybutyrat" },
	{ "substance", "\\bLSD\\b|psilocyb|meskalin|mescalin|hallucinogen|"
	    "hallusinogen", "hallucinogens",
	    "LSD, psilocybin, meskalin, mescaline, hallucinogens, hallusinogener" },
	{ "result", "^\\s*(-|neg(ativ[et]?|ative)?\\b|not detected|"
	    "(ej|inte|ikke|ikkje) påvis(ad|t))", "neg",
	    "-, neg, negativ, negative, negativt, not detected, ej påvisad, "
	    "ikke påvist" },
	{ "result", "^\\s*(\\+|pos(itiv[et]?|itive)?\\b|detected|påvis(ad|t))",
	    "pos", "+, pos, positiv, positive, positivt, detected, påvisad, påvist" },
	{ "result", "^\\s*(missing|saknas|uteblev|ej lämnat|inte lämnat|"
	    "ikke levert|ikke avgitt|mangler|not given)", "missing",
	    "missing, saknas, uteblev, ej lämnat, ikke levert, ikke avgitt, "
	    "mangler, not given" },
	{ "result", "^\\s*(refused|declined|vägra|nekt|avböj)", "refused",
	    "refused, declined, vägrade, vägrat, nektet, avböjde" },
	{ "result", "^\\s*(invalid|ogiltig|ugyldig|utspädd|fortynnet|dilute|"
	    "tampered|manipuler)", "invalid",
	    "invalid, ogiltig, ugyldig, utspädd, fortynnet, diluted, tampered, "
	    "manipulerad, manipulert" },
	{ "supervised", "^\\s*(ja|j|y|true|1)\\s*$", "yes", "ja, j, y, true, 1" },
	{ "supervised", "^\\s*(nej|nei|n|false|0)\\s*$", "no",
	    "nej, nei, n, false, 0" },
	{ "random", "^\\s*(ja|j|y|true|1)\\s*$", "yes", "ja, j, y, true, 1" },
	{ "random", "^\\s*(nej|nei|n|false|0)\\s*$", "no", "nej, nei, n, false, 0" },
};
const size_t rd_urine_nmap = sizeof rd_urine_map / sizeof rd_urine_map[0];

void
rd_urine_map_init(void)
{
	static bool done;

	if (done)
		return;
	done = true;
	for (size_t i = 0; i < rd_urine_nmap; i++)
		rd_map_add(rd_urine_map[i].column, rd_urine_map[i].pattern,
		    rd_urine_map[i].code);
}

void
rd_urine_cols(const struct rd_reader *r, struct rd_urine_cols *c)
{
	c->patient_id = rd_col_required(r, "patient_id");
	c->date = rd_col_required(r, "date");
	c->substance = rd_col_required(r, "substance");
	c->result = rd_col_required(r, "result");
	c->episode_id = rd_col(r, "episode_id");
	c->supervised = rd_col(r, "supervised");
	c->random = rd_col(r, "random");
	c->sample_id = rd_col(r, "sample_id");
	c->value = rd_col(r, "value");
	c->cutoff = rd_col(r, "cutoff");
}

static const char *
field(const struct rd_record *rec, int col, size_t *len)
{
	if (col < 0) {
		*len = 0;
		return "";
	}
	*len = rec->len[col];
	return rec->f[col];
}

bool
rd_urine_parse(struct rd_reader *r, const struct rd_record *rec,
    const struct rd_urine_cols *c, struct rd_urine_row *row)
{
	memset(row, 0, sizeof *row);
	if (!rd_get_id(r, rec, c->patient_id, true) ||
	    !rd_get_id(r, rec, c->episode_id, false) ||
	    !rd_get_date(r, rec, c->date, true, &row->date) ||
	    !rd_get_code(r, rec, c->substance, &rd_substance_codes, true,
	    &row->substance) ||
	    !rd_get_code(r, rec, c->result, &rd_result_codes, true, &row->result) ||
	    !rd_get_code(r, rec, c->supervised, &rd_yes_no_codes, false,
	    &row->supervised) ||
	    !rd_get_code(r, rec, c->random, &rd_yes_no_codes, false, &row->random) ||
	    !rd_get_real(r, rec, c->value, 0, 999999, 6, false, &row->value,
	    &row->has_value) ||
	    !rd_get_real(r, rec, c->cutoff, 0, 999999, 6, false, &row->cutoff,
	    &row->has_cutoff))
		return false;
	row->patient_id = field(rec, c->patient_id, &row->patient_len);
	row->episode_id = field(rec, c->episode_id, &row->episode_len);
	row->sample_id = field(rec, c->sample_id, &row->sample_len);
	return true;
}

struct rd_prescribed {
	struct rd_idmap *patients;
	uint16_t *mask;		/* by patient index: bit i = substance code i */
};

struct rd_prescribed *
rd_prescribed_load(const char *path)
{
	struct rd_prescribed *p = rd_calloc(1, sizeof *p);
	struct rd_reader *r = rd_open(path);
	struct rd_record rec;
	int pcol, scol;

	rd_reader_set_strict(r);
	pcol = rd_col_required(r, "patient_id");
	scol = rd_col_required(r, "substance");
	p->patients = rd_idmap_new();
	while (rd_next_good(r, &rec) > 0) {
		int substance, is_new;
		size_t i;

		if (!rd_get_id(r, &rec, pcol, true) ||
		    !rd_get_code(r, &rec, scol, &rd_substance_codes, true, &substance))
			continue;
		i = rd_idmap_intern(p->patients, rec.f[pcol], rec.len[pcol], &is_new);
		if (is_new) {
			p->mask = rd_realloc(p->mask, (i + 1) * sizeof *p->mask);
			p->mask[i] = 0;
		}
		p->mask[i] |= (uint16_t)(1u << substance);
	}
	rd_close(r);
	return p;
}

void
rd_prescribed_free(struct rd_prescribed *p)
{
	if (p == NULL)
		return;
	rd_idmap_free(p->patients);
	free(p->mask);
	free(p);
}

bool
rd_prescribed_has(const struct rd_prescribed *p, const char *patient_id,
    size_t len, int substance)
{
	size_t i;

	if (p == NULL || substance < 0)
		return false;
	i = rd_idmap_find(p->patients, patient_id, len);
	return i != (size_t)-1 && (p->mask[i] & (1u << substance)) != 0;
}

enum rd_sample_status
rd_urine_sample_status(const struct rd_urine_obs *obs, size_t n,
    bool *prescribed_pos, uint16_t *positive_substances)
{
	bool pos = false, missing = false;

	*prescribed_pos = false;
	*positive_substances = 0;
	for (size_t i = 0; i < n; i++) {
		int res = obs[i].result;

		if (res == RD_MISSING || res == RD_REFUSED || res == RD_INVALID) {
			missing = true;
			continue;
		}
		if (res != RD_POS)
			continue;
		if (obs[i].prescribed) {
			*prescribed_pos = true;
			continue;
		}
		pos = true;
		*positive_substances |= (uint16_t)(1u << obs[i].substance);
	}
	if (pos)
		return RD_SAMPLE_POS;
	return missing ? RD_SAMPLE_MISSING : RD_SAMPLE_NEG;
}

/* Rows without a sample_id group by date, before rows with one. */
static int
cmp_obs_group(const void *a, const void *b)
{
	const struct rd_urine_obs *x = a, *y = b;
	int xs = x->sample != RD_NO_SAMPLE_ID, ys = y->sample != RD_NO_SAMPLE_ID;

	if (xs != ys)
		return xs - ys;
	if (xs && x->sample != y->sample)
		return x->sample < y->sample ? -1 : 1;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return 0;
}

static int
cmp_sample(const void *a, const void *b)
{
	const struct rd_sample *x = a, *y = b;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return 0;
}

static bool
same_group(const struct rd_urine_obs *a, const struct rd_urine_obs *b)
{
	if (a->sample != b->sample)
		return false;
	return a->sample != RD_NO_SAMPLE_ID || a->date == b->date;
}

size_t
rd_urine_samples(struct rd_urine_obs *obs, size_t n, struct rd_sample *out)
{
	size_t nout = 0;

	if (n == 0)
		return 0;
	qsort(obs, n, sizeof *obs, cmp_obs_group);
	for (size_t i = 0, j; i < n; i = j) {
		struct rd_sample *s = &out[nout];

		for (j = i + 1; j < n && same_group(&obs[i], &obs[j]); j++)
			;
		/* Sorted by date within the group: the first row is the earliest. */
		s->date = obs[i].date;
		s->status = rd_urine_sample_status(obs + i, j - i, &s->prescribed_pos,
		    &s->positive_substances);
		s->key = (uint32_t)nout;
		nout++;
	}
	qsort(out, nout, sizeof *out, cmp_sample);
	return nout;
}

int
rd_missing_rule_parse(const char *s, enum rd_missing_rule *out)
{
	if (strcmp(s, "positive") == 0)
		*out = RD_MISSING_POSITIVE;
	else if (strcmp(s, "ignore") == 0)
		*out = RD_MISSING_IGNORE;
	else
		return -1;
	return 0;
}
