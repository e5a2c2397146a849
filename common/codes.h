/*
 * The code lists of the data dictionary (rusdata(7)).  Input codes match
 * case-insensitively; output always uses the lower-case spelling here.
 */
#ifndef RD_CODES_H
#define RD_CODES_H

#include <stddef.h>
#include <stdint.h>

#include "wordload.h"

struct rd_codes {
	const char *what;		/* for messages: "modality" */
	const char *const *code;
	size_t n;
	unsigned char *lookup;	/* RD_CODES_LOOKUP bytes for rd_code_index, or NULL */
	/*
	 * With lookup: each code of up to 16 bytes with NULs after it up to
	 * 16, made with the lookup, for rd_put_code (writer.h).
	 */
	char (*padded)[16];
	/*
	 * With lookup (only then non-NULL): each code of up to 16 bytes as
	 * rd_short_words gives it, made with the lookup.
	 */
	uint64_t (*words)[2];
};
#define RD_CODES_LOOKUP 512

extern const struct rd_codes rd_modality_codes;
extern const struct rd_codes rd_setting_codes;
extern const struct rd_codes rd_end_reason_codes;
extern const struct rd_codes rd_substance_codes;	/* urine substances */
extern const struct rd_codes rd_primary_codes;		/* substances + gambling */
extern const struct rd_codes rd_sex_codes;
extern const struct rd_codes rd_activity_codes;
extern const struct rd_codes rd_attendance_codes;
extern const struct rd_codes rd_result_codes;
extern const struct rd_codes rd_domain_codes;
extern const struct rd_codes rd_set_by_codes;
extern const struct rd_codes rd_yes_no_codes;

/* Index of s in the list, ignoring ASCII case, or -1 (in line below). */
static inline int rd_code_index(const struct rd_codes *, const char *s, size_t len);
/*
 * The same when s is a code exactly as the list spells it and the lookup
 * finds it at once (the usual value); -1 for any other s, even a code
 * (another case, a list whose lookup shares a slot): rd_code_index then
 * decides.  So a match here is a value that needs no rewriting.
 */
static inline int rd_code_index_exact(const struct rd_codes *, const char *s,
    size_t len);
/*
 * strlen of code index, without a look at its bytes: the length the
 * lookup array keeps (at RD_CODES_LEN_AT + index, once the byte at
 * RD_CODES_BUILT_AT says it is built), in line, as output of every row
 * asks it; else rd_code_len_slow.
 */
#define RD_CODES_LEN_AT 256
#define RD_CODES_BUILT_AT (RD_CODES_LOOKUP - 1)
size_t rd_code_len_slow(const struct rd_codes *, int index);

static inline size_t
rd_code_len(const struct rd_codes *codes, int index)
{
	if (codes->lookup != NULL && codes->lookup[RD_CODES_BUILT_AT] != 0)
		return codes->lookup[RD_CODES_LEN_AT + index];
	return rd_code_len_slow(codes, index);
}
/*
 * The lookup (codes.c): RD_CODES_LOOKUP bytes, 256 slots first, keyed by
 * rd_code_slot: i + 1 names the only code of the slot, RD_CODES_SHARED
 * that the list must be searched, 0 that no code can match.  The slot is
 * only a hint, checked by the compare after it: c | 0x20 is the lower
 * case of a letter and leaves digits and '-' as they are, which is all a
 * slot needs (other bytes may share a slot; they match no code anyway).
 */
#define RD_CODES_SHARED 255

static inline unsigned
rd_code_slot(const char *s, size_t len)
{
	return (unsigned)(len * 31 + ((unsigned char)s[0] | 0x20u) * 7 +
	    ((unsigned char)s[len - 1] | 0x20u)) & 255;
}

/* Any case, shared slots, the list built on first use: out of line. */
int rd_code_index_slow(const struct rd_codes *, const char *s, size_t len);

/*
 * The usual case in line, without a call: the slot names one code and the
 * value is its exact spelling (the index, one compare of two words with
 * the code's, made with the lookup); a slot no code has is a miss (-1);
 * anything else is rd_code_index_slow's to decide (-2).
 */
static inline int
rd_code_quick(const struct rd_codes *codes, const char *s, size_t len)
{
	const unsigned char *lookup = codes->lookup;
	unsigned hit;
	uint64_t w[2];

	if (len - 1 >= 16)
		return len == 0 ? -1 : -2;	/* len 0 wraps round */
	if (codes->words == NULL || lookup[RD_CODES_BUILT_AT] == 0)
		return -2;	/* no lookup (words come with one), or not built */
	hit = lookup[rd_code_slot(s, len)];
	if (hit == 0)
		return -1;
	if (hit == RD_CODES_SHARED || lookup[RD_CODES_LEN_AT + hit - 1] != len)
		return -2;
	rd_short_words(s, len, w);
	return w[0] == codes->words[hit - 1][0] && w[1] == codes->words[hit - 1][1] ?
	    (int)hit - 1 : -2;
}

static inline int
rd_code_index(const struct rd_codes *codes, const char *s, size_t len)
{
	int i = rd_code_quick(codes, s, len);

	return i >= -1 ? i : rd_code_index_slow(codes, s, len);
}

static inline int
rd_code_index_exact(const struct rd_codes *codes, const char *s, size_t len)
{
	int i = rd_code_quick(codes, s, len);

	return i >= 0 ? i : -1;
}

/* "a, b, c": the list for messages and usage text. */
const char *rd_codes_joined(const struct rd_codes *);

/*
 * The lookups and joined lists above are built on first use; threads
 * (par.h) share them, so the main thread builds them all before it
 * starts any.
 */
void rd_codes_prepare(void);

/* Indexes into the lists, for code that must test a particular value. */
enum rd_attendance { RD_ATTENDED, RD_NO_SHOW, RD_CANCELLED, RD_CLINIC_CANCELLED };
enum rd_result { RD_NEG, RD_POS, RD_MISSING, RD_REFUSED, RD_INVALID };
enum rd_end_reason { RD_COMPLETED, RD_DROPOUT, RD_TRANSFERRED, RD_DISCHARGED,
	RD_DECEASED, RD_END_OTHER };
enum rd_activity { RD_ACT_ASSESSMENT, RD_ACT_TREATMENT_PLAN, RD_ACT_CRISIS_PLAN,
	RD_ACT_SUICIDE_RISK, RD_ACT_GROUP, RD_ACT_INDIVIDUAL, RD_ACT_NETWORK,
	RD_ACT_FAMILY, RD_ACT_COUPLE, RD_ACT_GOAL_REVIEW, RD_ACT_SELF_HELP,
	RD_ACT_URINE_SAMPLE, RD_ACT_END_PLANNING, RD_ACT_OTHER };
enum rd_sex { RD_FEMALE, RD_MALE, RD_SEX_OTHER, RD_SEX_UNKNOWN };
enum rd_modality { RD_MOD_TWELVE_STEP, RD_MOD_RELAPSE_PREVENTION,
	RD_MOD_NETWORK_THERAPY, RD_MOD_CBT, RD_MOD_MI, RD_MOD_MBRP, RD_MOD_MBT,
	RD_MOD_PHARMACOLOGICAL, RD_MOD_OTHER };
enum rd_setting { RD_INPATIENT, RD_DAY, RD_OUTPATIENT, RD_AMBULANT };
enum rd_substance { RD_SUB_ALCOHOL, RD_SUB_CANNABIS, RD_SUB_OPIOIDS,
	RD_SUB_STIMULANTS, RD_SUB_COCAINE, RD_SUB_BENZODIAZEPINES,
	RD_SUB_GABAPENTINOIDS, RD_SUB_GHB, RD_SUB_HALLUCINOGENS, RD_SUB_OTHER };
enum rd_set_by { RD_SET_PATIENT, RD_SET_JOINT, RD_SET_CLINICIAN };

#endif
