#include "codes.h"

#include <stdint.h>
#include <string.h>

#include "diag.h"
#include "wordload.h"

#define LIST(var, what, ...) \
	static const char *const var##_list[] = { __VA_ARGS__ }; \
	static unsigned char var##_lookup[RD_CODES_LOOKUP]; \
	static char var##_padded[sizeof var##_list / sizeof var##_list[0]][16]; \
	static uint64_t var##_words[sizeof var##_list / sizeof var##_list[0]][2]; \
	const struct rd_codes var = { what, var##_list, \
	    sizeof var##_list / sizeof var##_list[0], var##_lookup, var##_padded, \
	    var##_words }

LIST(rd_modality_codes, "modality", "twelve-step", "relapse-prevention",
    "network-therapy", "cbt", "mi", "mbrp", "mbt", "pharmacological", "other");
LIST(rd_setting_codes, "setting", "inpatient", "day", "outpatient", "ambulant");
LIST(rd_end_reason_codes, "end_reason", "completed", "dropout", "transferred",
    "discharged", "deceased", "other");
LIST(rd_substance_codes, "substance", "alcohol", "cannabis", "opioids",
    "stimulants", "cocaine", "benzodiazepines", "gabapentinoids", "ghb",
    "hallucinogens", "other");
LIST(rd_primary_codes, "primary_substance", "alcohol", "cannabis", "opioids",
    "stimulants", "cocaine", "benzodiazepines", "gabapentinoids", "ghb",
    "hallucinogens", "other", "gambling");
LIST(rd_sex_codes, "sex", "female", "male", "other", "unknown");
LIST(rd_activity_codes, "activity", "assessment", "treatment-plan",
    "crisis-plan", "suicide-risk", "group", "individual", "network", "family",
    "couple", "goal-review", "self-help", "urine-sample", "end-planning", "other");
LIST(rd_attendance_codes, "attendance", "attended", "no-show", "cancelled",
    "clinic-cancelled");
LIST(rd_result_codes, "result", "neg", "pos", "missing", "refused", "invalid");
LIST(rd_domain_codes, "domain", "substance", "mental-health", "physical-health",
    "housing", "economy", "work-education", "family-network", "leisure", "legal",
    "other");
LIST(rd_set_by_codes, "set_by", "patient", "joint", "clinician");
LIST(rd_yes_no_codes, "yes/no", "yes", "no");

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int
same_code(const char *code, const char *s, size_t len)
{
	size_t j = 0;

	while (j < len && code[j] != '\0' && lower((unsigned char)s[j]) == code[j])
		j++;
	return j == len && code[j] == '\0';
}

/* a and b, both len bytes (1 or more), are equal: two word compares. */
static int
same_bytes(const char *a, const char *b, size_t len)
{
	uint64_t wa[2], wb[2];

	if (len > 16)
		return memcmp(a, b, len) == 0;
	rd_short_words(a, len, wa);
	rd_short_words(b, len, wb);
	return wa[0] == wb[0] && wa[1] == wb[1];
}

/*
 * Codes are looked up on every row, so each list has a lookup array: 256
 * slots keyed by length and first and last letter, where slot value i + 1
 * names the only code that can match, SCAN that the slot is shared and the
 * list must be searched, 0 that no code can match; then the length of each
 * code (LEN_AT + i); then a byte that says the array is built (on first
 * use).  Input is nearly always in the lower case of the list, so the
 * bytes are compared as words first and lowered one by one only when that
 * fails.
 */
#define SCAN RD_CODES_SHARED
#define LEN_AT RD_CODES_LEN_AT
#define BUILT_AT RD_CODES_BUILT_AT

static unsigned
slot(const char *s, size_t len)
{
	return rd_code_slot(s, len);
}

static void
build_lookup(const struct rd_codes *codes)
{
	if (codes->n > BUILT_AT - LEN_AT)
		rd_die(RD_EXIT_DATA, "internal error: the %s list is too long", codes->what);
	for (size_t i = 0; i < codes->n; i++) {
		const char *c = codes->code[i];
		size_t len = strlen(c);
		unsigned char *at = &codes->lookup[slot(c, len)];

		if (len > 255)
			rd_die(RD_EXIT_DATA, "internal error: a %s code is too long",
			    codes->what);
		*at = *at == 0 && i + 1 < SCAN ? (unsigned char)(i + 1) : SCAN;
		codes->lookup[LEN_AT + i] = (unsigned char)len;
		if (codes->padded != NULL && len <= 16)
			memcpy(codes->padded[i], c, len);	/* the rest is 0 */
		if (codes->words != NULL && len <= 16)
			rd_short_words(c, len, codes->words[i]);
	}
	codes->lookup[BUILT_AT] = 1;
}

/* Out of line: the lowering loop is for input not in lower case, rare. */
static __attribute__((noinline)) int
same_code_any_case(const char *code, const char *s, size_t len)
{
	return same_code(code, s, len);
}

static inline int
matches(const struct rd_codes *codes, size_t i, const char *s, size_t len)
{
	return codes->lookup[LEN_AT + i] == len &&
	    (same_bytes(codes->code[i], s, len) ||
	    same_code_any_case(codes->code[i], s, len));
}

static int
scan(const struct rd_codes *codes, const char *s, size_t len)
{
	for (size_t i = 0; i < codes->n; i++)
		if (same_code(codes->code[i], s, len))
			return (int)i;
	return -1;
}

/* The whole lookup: any case, shared slots, the list built on first use. */
int
rd_code_index_slow(const struct rd_codes *codes, const char *s, size_t len)
{
	unsigned char hit;

	if (codes->lookup == NULL || codes->words == NULL)
		return scan(codes, s, len);
	if (codes->lookup[BUILT_AT] == 0)
		build_lookup(codes);
	hit = codes->lookup[slot(s, len)];
	if (hit == 0)
		return -1;
	if (hit != SCAN)
		return matches(codes, hit - 1u, s, len) ? hit - 1 : -1;
	for (size_t i = 0; i < codes->n; i++)
		if (matches(codes, i, s, len))
			return (int)i;
	return -1;
}

size_t
rd_code_len_slow(const struct rd_codes *codes, int index)
{
	if (codes->lookup == NULL)
		return strlen(codes->code[index]);
	if (codes->lookup[BUILT_AT] == 0)
		build_lookup(codes);
	return codes->lookup[LEN_AT + index];
}

const char *
rd_codes_joined(const struct rd_codes *codes)
{
	/* Built on first use; one small buffer per list, kept for the run. */
	static struct {
		const struct rd_codes *codes;
		char *text;
	} cache[16];

	for (size_t i = 0; i < 16; i++) {
		if (cache[i].codes == codes)
			return cache[i].text;
		if (cache[i].codes != NULL)
			continue;
		size_t len = 0;
		for (size_t j = 0; j < codes->n; j++)
			len += strlen(codes->code[j]) + 2;
		char *text = rd_malloc(len + 1);
		text[0] = '\0';
		for (size_t j = 0; j < codes->n; j++) {
			if (j > 0)
				strcat(text, ", ");
			strcat(text, codes->code[j]);
		}
		cache[i].codes = codes;
		cache[i].text = text;
		return text;
	}
	return "";
}

void
rd_codes_prepare(void)
{
	static const struct rd_codes *const all[] = { &rd_modality_codes,
	    &rd_setting_codes, &rd_end_reason_codes, &rd_substance_codes,
	    &rd_primary_codes, &rd_sex_codes, &rd_activity_codes,
	    &rd_attendance_codes, &rd_result_codes, &rd_domain_codes,
	    &rd_set_by_codes, &rd_yes_no_codes };

	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
		(void)rd_code_len_slow(all[i], 0);
		(void)rd_codes_joined(all[i]);
	}
}
