#include "analytes.h"

#include <stdlib.h>
#include <string.h>

#include "codes.h"
#include "diag.h"
#include "idmap.h"
#include "map.h"

/*
 * Lab names match anywhere in a label ("U-Buprenorfin", "Etylglukuronid
 * (EtG)"); short abbreviations are bounded by \b.  First match wins, so a
 * metabolite whose name contains its parent's (norbuprenorphine,
 * nordiazepam, 7-aminoclonazepam, methamphetamine) comes before it.
 * Class-only rows (klass NULL) name tests that do not say what they
 * measured (an "opiates" immunoassay).  "heroin" on a lab report means
 * 6-MAM, the marker only heroin leaves.
 */
#define OPI "opioids"
#define STI "stimulants"
#define BZD "benzodiazepines"
const struct rd_analyte_row rd_analyte_map[] = {
	{ "norbuprenorf|norbuprenorph", "norbuprenorphine", OPI, "buprenorphine",
	    "norbuprenorfin, norbuprenorphine" },
	{ "buprenorf|buprenorph", "buprenorphine", OPI, "",
	    "buprenorfin, buprenorphine" },
	{ "\\bEDDP\\b", "eddp", OPI, "methadone", "EDDP" },
	{ "metadon|methadon", "methadone", OPI, "", "metadon, methadone" },
	{ "\\b6-?MAM\\b|monoacetylmorf|monoacetylmorph|heroin", "6-mam", OPI,
	    "diacetylmorphine", "6-MAM, 6-monoacetylmorfin, "
	    "6-monoacetylmorphine, heroin" },
	{ "hydromorfon|hydromorphon", "hydromorphone", OPI, "",
	    "hydromorfon, hydromorphone" },
	{ "morfin|morphin", "morphine", OPI, "codeine diacetylmorphine",
	    "morfin, morphine" },
	{ "kodein|codein", "codeine", OPI, "", "kodein, codeine" },
	{ "oxykodon|oxycodon", "oxycodone", OPI, "", "oxykodon, oxycodone" },
	{ "ketobemidon", "ketobemidone", OPI, "", "ketobemidon, ketobemidone" },
	{ "norfentanyl", "norfentanyl", OPI, "fentanyl", "norfentanyl" },
	{ "fentanyl", "fentanyl", OPI, "", "fentanyl" },
	{ "tramadol", "tramadol", OPI, "", "tramadol" },
	{ "opiat|opioid", "opioids", NULL, "",
	    "opiater, opiates, opioider, opioids" },
	{ "metamfetamin|methamphetamin", "methamphetamine", STI, "",
	    "metamfetamin, methamphetamine" },
	{ "\\bMDMA\\b|ecstasy", "mdma", STI, "", "MDMA, ecstasy" },
	{ "amfetamin|amphetamin", "amphetamine", STI,
	    "dexamfetamine lisdexamfetamine", "amfetamin, amphetamine(s)" },
	{ "centralstimul|sentralstimul", "stimulants", NULL, "",
	    "centralstimulantia, sentralstimulerende" },
	{ "\\bTHC|tetrahydrocannabinol", "thc", "cannabis", "nabiximols dronabinol",
	    "THC, THC-COOH, tetrahydrocannabinol" },
	{ "cannabi|marihuana|marijuana", "cannabis", NULL, "",
	    "cannabis, cannabinoider, cannabinoids, marijuana" },
	{ "etylglukuronid|ethylglucuronid|\\bEtG\\b", "etg", "alcohol", "",
	    "etylglukuronid, ethylglucuronide, EtG" },
	{ "etylsulfat|ethylsulfat|\\bEtS\\b", "ets", "alcohol", "",
	    "etylsulfat, ethylsulfate, EtS" },
	{ "\\bPEth\\b|fosfatidyletanol|phosphatidylethanol", "peth", "alcohol", "",
	    "PEth, fosfatidyletanol, phosphatidylethanol" },
	{ "\\betanol|\\bethanol", "ethanol", "alcohol", "", "etanol, ethanol" },
	{ "alkohol|alcohol", "alcohol", NULL, "", "alkohol, alcohol" },
	{ "bensoylekgonin|benzoylecgonin", "benzoylecgonine", "cocaine", "",
	    "bensoylekgonin, benzoylecgonine" },
	{ "kokain|cocain", "cocaine", NULL, "", "kokain, cocaine" },
	{ "nordiazepam", "nordiazepam", BZD, "diazepam", "nordiazepam" },
	{ "diazepam", "diazepam", BZD, "", "diazepam" },
	{ "oxazepam", "oxazepam", BZD, "diazepam temazepam", "oxazepam" },
	{ "temazepam", "temazepam", BZD, "diazepam", "temazepam" },
	{ "alprazolam", "alprazolam", BZD, "", "alprazolam" },
	{ "7-?amino-?[kc]lonazepam", "7-aminoclonazepam", BZD, "clonazepam",
	    "7-aminoklonazepam, 7-aminoclonazepam" },
	{ "klonazepam|clonazepam", "clonazepam", BZD, "", "klonazepam, clonazepam" },
	{ "flunitrazepam", "flunitrazepam", BZD, "", "flunitrazepam" },
	{ "nitrazepam", "nitrazepam", BZD, "", "nitrazepam" },
	{ "lorazepam", "lorazepam", BZD, "", "lorazepam" },
	{ "midazolam", "midazolam", BZD, "", "midazolam" },
	{ "bensodiazepin|benzodiazepin|\\bbenso\\b|\\bbenzo\\b", "benzodiazepines",
	    NULL, "",
	    "bensodiazepiner, benzodiazepines, benso, benzo" },
	{ "pregabalin", "pregabalin", "gabapentinoids", "", "pregabalin" },
	{ "gabapentin", "gabapentin", "gabapentinoids", "", "gabapentin" },
	{ "\\bGHB\\b|\\bGBL\\b|gamma-?hydroxybutyr", "ghb", "ghb", "sodium-oxybate",
	    "S-GHB, GBL, gammahydroxybutyrat" },
	{ "\\bLSD\\b|psilocyb|meskalin|mescalin|hallucinogen|hallusinogen",
	    "hallucinogens", NULL, "",
	    "LSD, psilocybin, meskalin, mescaline, hallucinogens, hallusinogener" },
};
const size_t rd_analyte_nmap = sizeof rd_analyte_map / sizeof rd_analyte_map[0];

/*
 * Prescription files name medicines, often by brand; "heroin" there is
 * diacetylmorphine in heroin-assisted treatment.  Names the substance map
 * knows (buprenorfin, metadon) need no row here.
 */
const struct rd_medicine_row rd_medicine_map[] = {
	{ "subutex|suboxone|buvidal|espranor|zubsolv|temgesic|norspan|sixmo",
	    "buprenorphine", "Subutex, Suboxone, Buvidal, Espranor, Zubsolv, "
	    "Temgesic, Norspan, Sixmo" },
	{ "diacetylmorf|diacetylmorph|diamorf|diamorph|heroin", "diacetylmorphine",
	    "diacetylmorfin, diacetylmorphine, diamorfin, diamorphine, heroin" },
	{ "dolcontin|malfin|oramorph", "morphine", "Dolcontin, Malfin, Oramorph" },
	{ "citodon|panocod|kodimagnyl", "codeine", "Citodon, Panocod, Kodimagnyl" },
	{ "oxynorm|oxycontin|targiniq", "oxycodone", "OxyNorm, OxyContin, Targiniq" },
	{ "ketogan", "ketobemidone", "Ketogan" },
	{ "durogesic|abstral|instanyl", "fentanyl", "Durogesic, Abstral, Instanyl" },
	{ "tradolan|nobligan", "tramadol", "Tradolan, Nobligan" },
	{ "lisdexamf|lisdexamph|elvanse|vyvanse", "lisdexamfetamine",
	    "lisdexamfetamin, lisdexamphetamine, Elvanse, Vyvanse" },
	{ "dexamf|dexamph|attentin|amfexa", "dexamfetamine",
	    "dexamfetamin, dexamphetamine, Attentin, Amfexa" },
	{ "stesolid|valium", "diazepam", "Stesolid, Valium" },
	{ "sobril|oxascand", "oxazepam", "Sobril, Oxascand" },
	{ "xanor|xanax", "alprazolam", "Xanor, Xanax" },
	{ "iktorivil|rivotril", "clonazepam", "Iktorivil, Rivotril" },
	{ "lyrica", "pregabalin", "Lyrica" },
	{ "neurontin", "gabapentin", "Neurontin" },
	{ "oxybat|xyrem", "sodium-oxybate", "natriumoxybat, sodium oxybate, Xyrem" },
	{ "nabiximol|sativex", "nabiximols", "nabiximoler, nabiximols, Sativex" },
	{ "dronabinol|marinol", "dronabinol", "dronabinol, Marinol" },
	/* Medicines of treatment that no urine screen here finds. */
	{ "naltrexon|revia|adepend", "naltrexone", "naltrexon, naltrexone, Revia" },
	{ "nalmefen|selincro", "nalmefene", "nalmefen, nalmefene, Selincro" },
	{ "disulfiram|antabus", "disulfiram", "disulfiram, Antabus" },
	{ "akamprosat|acamprosat|campral", "acamprosate",
	    "akamprosat, acamprosate, Campral" },
	{ "naloxon|nyxoid", "naloxone", "naloxon, naloxone, Nyxoid" },
};
const size_t rd_medicine_nmap = sizeof rd_medicine_map / sizeof rd_medicine_map[0];

/* The registered analytes: built-in first, then --map ones. */
static struct {
	const char *name;
	int klass;
	char *from;		/* " a b " with spaces around every name */
} table[RD_ANALYTE_MAX];
static size_t ntable;

static int
same_caseless(const char *a, size_t alen, const char *b)
{
	size_t i;

	for (i = 0; i < alen && b[i] != '\0'; i++) {
		int x = (unsigned char)a[i], y = (unsigned char)b[i];

		if (x >= 'A' && x <= 'Z')
			x += 'a' - 'A';
		if (x != y)
			return 0;
	}
	return i == alen && b[i] == '\0';
}

int
rd_analyte_find(const char *name, size_t len)
{
	for (size_t i = 0; i < ntable; i++)
		if (same_caseless(name, len, table[i].name))
			return (int)i;
	return -1;
}

size_t
rd_analyte_count(void)
{
	return ntable;
}

const char *
rd_analyte_name(int analyte)
{
	return table[analyte].name;
}

int
rd_analyte_class(int analyte)
{
	return table[analyte].klass;
}

/* Whether the word list " a b " holds name (ASCII case ignored). */
static bool
in_list(const char *list, const char *name, size_t len)
{
	for (const char *p = list; (p = strchr(p, ' ')) != NULL && p[1] != '\0'; p++) {
		const char *end = strchr(p + 1, ' ');
		size_t n = (size_t)(end - (p + 1));
		char word[64];

		if (n == len && n < sizeof word) {
			memcpy(word, p + 1, n);
			word[n] = '\0';
			if (same_caseless(name, len, word))
				return true;
		}
	}
	return false;
}

bool
rd_analyte_comes_from(int analyte, const char *medicine, size_t len)
{
	return same_caseless(medicine, len, table[analyte].name) ||
	    in_list(table[analyte].from, medicine, len);
}

bool
rd_medicine_known(const char *name, size_t len)
{
	for (size_t i = 0; i < ntable; i++)
		if (rd_analyte_comes_from((int)i, name, len))
			return true;
	return false;
}

/* " a b " from "a b": padded so that every name has a space each side. */
static char *
padded(const char *from)
{
	size_t n = strlen(from);
	char *s = rd_malloc(n + 3);

	s[0] = ' ';
	memcpy(s + 1, from, n);
	s[n + 1] = ' ';
	s[n + 2] = '\0';
	for (char *p = s; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p += 'a' - 'A';
	return s;
}

static void
register_analyte(const char *name, int klass, const char *from)
{
	if (ntable == RD_ANALYTE_MAX)
		rd_die(RD_EXIT_USAGE, "--map: more than %d analytes", RD_ANALYTE_MAX);
	table[ntable].name = name;
	table[ntable].klass = klass;
	table[ntable].from = padded(from);
	ntable++;
}

static int
class_index(const char *code)
{
	return rd_code_index(&rd_substance_codes, code, strlen(code));
}

/* A --map substance row with a class column: a new analyte, or more sources. */
static void
map_analyte(const struct rd_map_entry *e)
{
	int klass = class_index(e->klass), known;

	if (klass < 0)
		rd_die(RD_EXIT_USAGE, "--map: analyte %s: class '%s' is not one of %s",
		    e->code, e->klass, rd_codes_joined(&rd_substance_codes));
	known = rd_analyte_find(e->code, strlen(e->code));
	if (known < 0) {
		char *name = rd_strndup(e->code, strlen(e->code));

		for (char *p = name; *p != '\0'; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p += 'a' - 'A';
		register_analyte(name, klass, e->from ? e->from : "");
		return;
	}
	if (table[known].klass != klass)
		rd_die(RD_EXIT_USAGE, "--map: analyte %s is %s in the table, not %s",
		    table[known].name, rd_substance_codes.code[table[known].klass],
		    e->klass);
	if (e->from != NULL) {
		char *more = rd_malloc(strlen(table[known].from) + strlen(e->from) + 2);

		strcpy(more, table[known].from);
		strcat(more, e->from);
		strcat(more, " ");
		free(table[known].from);
		table[known].from = more;
	}
}

void
rd_analytes_init(void)
{
	static bool done;
	size_t nmap;

	if (done)
		return;
	done = true;
	for (size_t i = 0; i < rd_analyte_nmap; i++) {
		const struct rd_analyte_row *row = &rd_analyte_map[i];

		if (row->klass != NULL && rd_analyte_find(row->code,
		    strlen(row->code)) < 0)
			register_analyte(row->code, class_index(row->klass), row->from);
	}
	/* Only --map rows are loaded so far. */
	nmap = rd_map_count();
	for (size_t i = 0; i < nmap; i++) {
		struct rd_map_entry e;

		rd_map_row_at(i, &e);
		if (e.klass != NULL && strcmp(e.column, "substance") == 0)
			map_analyte(&e);
	}
	for (size_t i = 0; i < rd_analyte_nmap; i++)
		rd_map_add("substance", rd_analyte_map[i].pattern,
		    rd_analyte_map[i].code);
	for (size_t i = 0; i < rd_medicine_nmap; i++)
		rd_map_add("prescribed", rd_medicine_map[i].pattern,
		    rd_medicine_map[i].code);
}

/* A map code: an analyte first (the GHB analyte shares its class's name). */
static int
code_meaning(const char *code, int *klass, int *analyte)
{
	size_t len = strlen(code);

	*analyte = rd_analyte_find(code, len);
	if (*analyte >= 0) {
		*klass = table[*analyte].klass;
		return 1;
	}
	*klass = rd_code_index(&rd_substance_codes, code, len);
	return *klass >= 0 ? 1 : 2;
}

/*
 * Lab names repeat (a few dozen distinct ones in a whole extract), so
 * the map's answer for a value is cached: a direct-mapped table keyed by
 * a hash of the bytes, checked against a copy of them.  One table for the
 * process, like map.c's match data: callers on several threads need a
 * table each.
 */
#define CACHE_SLOTS 256
#define CACHE_MAX_LEN 64

struct cache_slot {
	char value[CACHE_MAX_LEN];
	size_t len;		/* 0: empty */
	int rc, klass, analyte;
	const char *code;
};

static struct cache_slot *
cache_slot(const char *value, size_t len)
{
	static _Thread_local struct cache_slot cache[CACHE_SLOTS];	/* par.h */

	if (len > CACHE_MAX_LEN)
		return NULL;
	return &cache[rd_hash_bytes(value, len) % CACHE_SLOTS];
}

int
rd_substance_lookup(const char *value, size_t len, int *klass, int *analyte,
    const char **code)
{
	struct cache_slot *slot;
	int rc;

	*code = NULL;
	*analyte = -1;
	*klass = rd_code_index(&rd_substance_codes, value, len);
	if (*klass >= 0)
		return 1;
	slot = cache_slot(value, len);
	if (slot != NULL && slot->len == len && memcmp(slot->value, value, len) == 0) {
		*klass = slot->klass;
		*analyte = slot->analyte;
		*code = slot->code;
		return slot->rc;
	}
	*analyte = rd_analyte_find(value, len);
	if (*analyte >= 0) {
		*klass = table[*analyte].klass;
		rc = 1;
	} else {
		rc = rd_map_apply("substance", value, len, code);
		if (rc == 1)
			rc = code_meaning(*code, klass, analyte);
	}
	/* A pattern that hit its limits is not cached: it is reported each time. */
	if (slot != NULL && rc >= 0) {
		memcpy(slot->value, value, len);
		slot->len = len;
		slot->rc = rc;
		slot->klass = *klass;
		slot->analyte = *analyte;
		slot->code = *code;
	}
	return rc;
}

int
rd_prescribed_lookup(const char *value, size_t len, int *klass,
    const char **medicine, size_t *medicine_len, const char **code)
{
	int analyte, rc;

	*code = NULL;
	*medicine = NULL;
	*medicine_len = 0;
	*klass = rd_code_index(&rd_substance_codes, value, len);
	if (*klass >= 0)
		return 1;
	if (rd_medicine_known(value, len)) {
		*medicine = value;
		*medicine_len = len;
		return 1;
	}
	rc = rd_map_apply("prescribed", value, len, code);
	if (rc == 1) {
		/*
		 * A class, else a medicine, also one that leaves none of the
		 * table's analytes (naltrexone): it then excuses nothing.
		 */
		*klass = rd_code_index(&rd_substance_codes, *code, strlen(*code));
		if (*klass < 0) {
			*medicine = *code;
			*medicine_len = strlen(*code);
		}
		return 1;
	}
	if (rc < 0)
		return rc;
	rc = rd_substance_lookup(value, len, klass, &analyte, code);
	if (rc == 1 && analyte >= 0) {
		*medicine = table[analyte].name;
		*medicine_len = strlen(table[analyte].name);
		*klass = -1;
	}
	return rc;
}
