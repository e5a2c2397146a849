/*
 * care-check's words, one table per language.  English details are the
 * csv detail texts as they always were.  The Norwegian guideline titles
 * are the words of the national guideline (shared/seeds/004: "Kriseplan",
 * "behandlingsplan", "selvmordsrisiko", "manglende oppmøte",
 * "behandlingsmål", "bedringsmål ... evaluering"); the Swedish ones those
 * of the method texts where they have them (seed 002: "krisplan",
 * "nödplan", "återfallsprevention").
 */
#include "words.h"

const struct care_words care_words[RD_NLANGS] = {
	[RD_LANG_EN] = {
		.detail = {
			[D_NOT_DONE_TREATMENT_PLAN] = "no attended treatment-plan session; due by %s",
			[D_NOT_DONE_CRISIS_PLAN] = "no attended crisis-plan session; due by %s",
			[D_NOT_DONE_SUICIDE_RISK] = "no attended suicide-risk session; due by %s",
			[D_NO_SHOW_RUN] = "%ld no-shows in a row; last attended %s",
			[D_NO_SHOW_RUN_NEVER] = "%ld no-shows in a row; never attended",
			[D_NO_CONTACT] = "%ld days since the last attended session on %s",
			[D_NO_CONTACT_NEVER] = "%ld days since the start on %s without an "
			    "attended session",
			[D_REVIEW_LATE] = "goal %s last reviewed %s; review due by %s",
			[D_REVIEW_NEVER] = "goal %s set %s, never reviewed; review due by %s",
			[D_NO_GOAL] = "no goal set; due by %s",
			[D_RELAPSE_MISSING] = "missing sample %s (counted as positive) after "
			    "%ld negative samples; review the emergency plan",
			[D_RELAPSE_POSITIVE] = "positive sample %s (%s) after %ld negative "
			    "samples; review the emergency plan",
		},
		.check = {
			[CHECK_SUICIDE_RISK] = "Suicide risk", [CHECK_RELAPSE] = "Relapse",
			[CHECK_CRISIS_PLAN] = "Crisis plan", [CHECK_NO_CONTACT] = "No contact",
			[CHECK_NO_SHOW_RUN] = "No-shows in a row",
			[CHECK_TREATMENT_PLAN] = "Treatment plan", [CHECK_GOALS] = "Goals",
			[CHECK_GOAL_REVIEW] = "Goal review",
		},
		.guideline = {
			[CHECK_SUICIDE_RISK] = "NO 8.1 Suicide risk",
			[CHECK_RELAPSE] = "seed 002 Relapse prevention: emergency plan",
			[CHECK_CRISIS_PLAN] = "NO 2.7 Crisis plan",
			[CHECK_NO_CONTACT] = "NO 5.1 Missed attendance",
			[CHECK_NO_SHOW_RUN] = "NO 5.1 Missed attendance",
			[CHECK_TREATMENT_PLAN] = "NO 2.4 Treatment plan",
			[CHECK_GOALS] = "NO 2.5 Treatment goals",
			[CHECK_GOAL_REVIEW] = "NO 2.8 Goals evaluated",
		},
		.title = "Care check, %s",
		.clinic = "Clinic %s",
		.count_one = "%ld finding",
		.count_many = "%ld findings",
		.none = "No findings.",
		.patient = "Patient", .episode = "Episode", .since = "Since",
		.check_col = "Check", .detail_col = "Detail",
		.blank = "(blank)",
	},
	[RD_LANG_NB] = {
		.detail = {
			[D_NOT_DONE_TREATMENT_PLAN] = "ingen gjennomført samtale om "
			    "behandlingsplan; frist %s",
			[D_NOT_DONE_CRISIS_PLAN] = "ingen gjennomført samtale om kriseplan; "
			    "frist %s",
			[D_NOT_DONE_SUICIDE_RISK] = "ingen gjennomført selvmordsvurdering; "
			    "frist %s",
			[D_NO_SHOW_RUN] = "%ld uteblivelser på rad; sist møtt %s",
			[D_NO_SHOW_RUN_NEVER] = "%ld uteblivelser på rad; aldri møtt",
			[D_NO_CONTACT] = "%ld dager siden siste gjennomførte samtale %s",
			[D_NO_CONTACT_NEVER] = "%ld dager siden start %s uten gjennomført "
			    "samtale",
			[D_REVIEW_LATE] = "mål %s sist evaluert %s; evaluering innen %s",
			[D_REVIEW_NEVER] = "mål %s satt %s, aldri evaluert; evaluering "
			    "innen %s",
			[D_NO_GOAL] = "ingen mål satt; frist %s",
			[D_RELAPSE_MISSING] = "manglende prøve %s (regnet som positiv) etter "
			    "%ld negative prøver; gå gjennom kriseplanen",
			[D_RELAPSE_POSITIVE] = "positiv prøve %s (%s) etter %ld negative "
			    "prøver; gå gjennom kriseplanen",
		},
		.check = {
			[CHECK_SUICIDE_RISK] = "Selvmordsrisiko", [CHECK_RELAPSE] = "Tilbakefall",
			[CHECK_CRISIS_PLAN] = "Kriseplan", [CHECK_NO_CONTACT] = "Ingen kontakt",
			[CHECK_NO_SHOW_RUN] = "Uteblivelser på rad",
			[CHECK_TREATMENT_PLAN] = "Behandlingsplan", [CHECK_GOALS] = "Mål",
			[CHECK_GOAL_REVIEW] = "Evaluering av mål",
		},
		.guideline = {
			[CHECK_SUICIDE_RISK] = "NO 8.1 Selvmordsrisiko",
			[CHECK_RELAPSE] = "seed 002 Tilbakefallsforebygging: kriseplan",
			[CHECK_CRISIS_PLAN] = "NO 2.7 Kriseplan",
			[CHECK_NO_CONTACT] = "NO 5.1 Manglende oppmøte",
			[CHECK_NO_SHOW_RUN] = "NO 5.1 Manglende oppmøte",
			[CHECK_TREATMENT_PLAN] = "NO 2.4 Behandlingsplan",
			[CHECK_GOALS] = "NO 2.5 Behandlingsmål",
			[CHECK_GOAL_REVIEW] = "NO 2.8 Evaluering av bedringsmål",
		},
		.title = "Oppfølgingsliste per %s",
		.clinic = "Klinikk %s",
		.count_one = "%ld funn",
		.count_many = "%ld funn",
		.none = "Ingen funn.",
		.patient = "Pasient", .episode = "Episode", .since = "Fra",
		.check_col = "Kontroll", .detail_col = "Detaljer",
		.blank = "(tom)",
	},
	[RD_LANG_SV] = {
		.detail = {
			[D_NOT_DONE_TREATMENT_PLAN] = "inget genomfört samtal om "
			    "behandlingsplan; senast %s",
			[D_NOT_DONE_CRISIS_PLAN] = "inget genomfört samtal om krisplan; "
			    "senast %s",
			[D_NOT_DONE_SUICIDE_RISK] = "ingen genomförd suicidriskbedömning; "
			    "senast %s",
			[D_NO_SHOW_RUN] = "%ld uteblivanden i rad; senast närvarande %s",
			[D_NO_SHOW_RUN_NEVER] = "%ld uteblivanden i rad; aldrig närvarande",
			[D_NO_CONTACT] = "%ld dagar sedan senaste genomförda samtal %s",
			[D_NO_CONTACT_NEVER] = "%ld dagar sedan start %s utan genomfört samtal",
			[D_REVIEW_LATE] = "mål %s senast utvärderat %s; utvärdering senast %s",
			[D_REVIEW_NEVER] = "mål %s satt %s, aldrig utvärderat; utvärdering "
			    "senast %s",
			[D_NO_GOAL] = "inga mål satta; senast %s",
			[D_RELAPSE_MISSING] = "saknat prov %s (räknas som positivt) efter "
			    "%ld negativa prov; gå igenom nödplanen",
			[D_RELAPSE_POSITIVE] = "positivt prov %s (%s) efter %ld negativa "
			    "prov; gå igenom nödplanen",
		},
		.check = {
			[CHECK_SUICIDE_RISK] = "Suicidrisk", [CHECK_RELAPSE] = "Återfall",
			[CHECK_CRISIS_PLAN] = "Krisplan", [CHECK_NO_CONTACT] = "Ingen kontakt",
			[CHECK_NO_SHOW_RUN] = "Uteblivanden i rad",
			[CHECK_TREATMENT_PLAN] = "Behandlingsplan", [CHECK_GOALS] = "Mål",
			[CHECK_GOAL_REVIEW] = "Utvärdering av mål",
		},
		.guideline = {
			[CHECK_SUICIDE_RISK] = "NO 8.1 Suicidrisk",
			[CHECK_RELAPSE] = "seed 002 Återfallsprevention: nödplan",
			[CHECK_CRISIS_PLAN] = "NO 2.7 Krisplan",
			[CHECK_NO_CONTACT] = "NO 5.1 Uteblivna besök",
			[CHECK_NO_SHOW_RUN] = "NO 5.1 Uteblivna besök",
			[CHECK_TREATMENT_PLAN] = "NO 2.4 Behandlingsplan",
			[CHECK_GOALS] = "NO 2.5 Behandlingsmål",
			[CHECK_GOAL_REVIEW] = "NO 2.8 Utvärdering av mål",
		},
		.title = "Uppföljningslista per %s",
		.clinic = "Klinik %s",
		.count_one = "%ld fynd",
		.count_many = "%ld fynd",
		.none = "Inga fynd.",
		.patient = "Patient", .episode = "Episod", .since = "Från",
		.check_col = "Kontroll", .detail_col = "Detaljer",
		.blank = "(tom)",
	},
};
