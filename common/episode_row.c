/*
 * One episode row (episodes.h): the episode columns, a row parsed and
 * checked (dates, codes, the order of referral, start and end) and the
 * age group of an episode.  The table of episodes a file holds, its
 * loading on every core is episodes_load.c's, its lookups episodes.c's.
 */
#include "episodes.h"

#include <string.h>

#include "codes.h"
#include "date.h"
#include "diag.h"
#include "fields.h"
#include "rejects.h"

void
rd_episode_cols(const struct rd_reader *r, struct rd_episode_cols *c, bool need_clinic)
{
	c->patient_id = rd_col_required(r, "patient_id");
	c->episode_id = rd_col_required(r, "episode_id");
	c->clinic = need_clinic ? rd_col_required(r, "clinic") : rd_col(r, "clinic");
	c->modality = rd_col_required(r, "modality");
	c->start_date = rd_col_required(r, "start_date");
	c->clinic_required = need_clinic;
	c->setting = rd_col(r, "setting");
	c->end_date = rd_col(r, "end_date");
	c->end_reason = rd_col(r, "end_reason");
	c->primary_substance = rd_col(r, "primary_substance");
	c->sex = rd_col(r, "sex");
	c->birth_year = rd_col(r, "birth_year");
	c->referral_date = rd_col(r, "referral_date");
}

/*
 * start_date, and referral_date when the input has it: a start may be
 * empty only when a referral date is given (referred, not yet started).
 */
static bool
check_start(struct rd_reader *r, const struct rd_record *rec,
    const struct rd_episode_cols *c, struct rd_episode *e)
{
	bool waiting;

	if (!rd_get_date(r, rec, c->referral_date, false, &e->referral))
		return false;
	waiting = rec->len[c->start_date] == 0 && e->referral != RD_NO_DATE;
	if (waiting) {
		e->start = RD_NOT_STARTED;
		return true;
	}
	if (!rd_get_date(r, rec, c->start_date, true, &e->start))
		return false;
	if (e->referral != RD_NO_DATE && e->referral > e->start) {
		rd_reject(r, rec, c->referral_date, "referral_date is after start_date");
		return false;
	}
	return true;
}

static bool
check_end(struct rd_reader *r, const struct rd_record *rec,
    const struct rd_episode_cols *c, struct rd_episode *e)
{
	if (!rd_get_date(r, rec, c->end_date, false, &e->end))
		return false;
	if (e->end != RD_NO_DATE && c->end_reason < 0) {
		rd_reject(r, rec, c->end_date, "end_date given, but the input has no "
		    "end_reason column (completed, dropout, ...)");
		return false;
	}
	if (!rd_get_code(r, rec, c->end_reason, &rd_end_reason_codes,
	    e->end != RD_NO_DATE, &e->end_reason))
		return false;
	if (e->end != RD_NO_DATE && e->start == RD_NOT_STARTED) {
		rd_reject(r, rec, c->end_date, "end_date given, but start_date is "
		    "empty (an episode that has not started cannot end)");
		return false;
	}
	if (e->end != RD_NO_DATE && e->end < e->start) {
		rd_reject(r, rec, c->end_date, "end_date is before start_date");
		return false;
	}
	if (e->end == RD_NO_DATE && e->end_reason >= 0) {
		rd_reject(r, rec, c->end_reason, "end_reason given without end_date");
		return false;
	}
	return true;
}

void
rd_episode_strings(const struct rd_record *rec, const struct rd_episode_cols *c,
    struct rd_episode *e)
{
	e->patient_id = rec->f[c->patient_id];
	e->episode_id = rec->f[c->episode_id];
	e->clinic = c->clinic >= 0 ? rec->f[c->clinic] : "";
}

bool
rd_episode_parse(struct rd_reader *r, const struct rd_record *rec,
    const struct rd_episode_cols *c, struct rd_episode *e)
{
	long year;
	bool present;

	memset(e, 0, sizeof *e);
	if (!rd_get_id(r, rec, c->patient_id, true) ||
	    !rd_get_id(r, rec, c->episode_id, true) ||
	    (c->clinic_required && rec->len[c->clinic] == 0 &&
	    !rd_get_id(r, rec, c->clinic, true)) ||
	    !rd_get_code(r, rec, c->modality, &rd_modality_codes, true, &e->modality) ||
	    !rd_get_code(r, rec, c->setting, &rd_setting_codes, false, &e->setting) ||
	    !check_start(r, rec, c, e) ||
	    !check_end(r, rec, c, e) ||
	    !rd_get_code(r, rec, c->primary_substance, &rd_primary_codes, false,
	    &e->primary_substance) ||
	    !rd_get_code(r, rec, c->sex, &rd_sex_codes, false, &e->sex) ||
	    !rd_get_long(r, rec, c->birth_year, RD_YEAR_MIN, RD_YEAR_MAX, false,
	    &year, &present))
		return false;
	/*
	 * Not started: no start year yet.  Born after the start year is
	 * started before the first day of the birth year: a day number made,
	 * not the start's year taken apart (a tenth of the parse).
	 */
	if (present && e->start != RD_NOT_STARTED &&
	    e->start < rd_date_from_ymd((int)year, 1, 1)) {
		int start_year, m, d;

		rd_date_to_ymd(e->start, &start_year, &m, &d);
		rd_reject(r, rec, c->birth_year, "birth_year %ld is after the "
		    "start year %d of the episode", year, start_year);
		return false;
	}
	rd_episode_strings(rec, c, e);
	e->birth_year = present ? (int)year : 0;
	return true;
}

const char *
rd_age_group(const struct rd_episode *e)
{
	int y, m, d, age;

	if (e->birth_year == 0)
		return "";
	/* Not started yet: the age at referral. */
	rd_date_to_ymd(e->start == RD_NOT_STARTED ? e->referral : e->start, &y,
	    &m, &d);
	/* Only the birth year is known: age is the age reached in the start year. */
	age = y - e->birth_year;
	if (age < 18)
		return "0-17";
	if (age < 25)
		return "18-24";
	if (age < 65)
		return "25-64";
	return "65+";
}

