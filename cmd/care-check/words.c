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
			[D_FEEDBACK_NEVER] = "no ORS recorded since the start on %s",
			[D_FEEDBACK_GAP] = "no ORS recorded since %s",
			[D_FEEDBACK_DROP] = "latest ORS %s is %s points below the first, %s: "
			    "reliable deterioration",
			[D_PHQ9_ALERT] = "PHQ-9 item 9 above 0 on %s; no suicide-risk session "
			    "attended since",
			[D_ALLIANCE] = "the latest two SRS, %s and %s, are below %s: talk about "
			    "the alliance, offer a change of therapist",
			[D_NETWORK_GAP] = "no attended network session with network members "
			    "present since %s",
			[D_NETWORK_NONE] = "no attended family or network session; due by %s",
			[D_YOUTH_FAMILY] = "under %ld at the start (born %d), no attended family "
			    "session; due by %s",
			[D_OVERDOSE_AFTER_STAY] = "opioid-positive sample %s%s, %d days after an "
			    "inpatient stay ended on %s: tolerance is lost, the risk of overdose "
			    "death is highest",
			[D_OVERDOSE_AFTER_NEGATIVES] = "opioid-positive sample %s%s after %ld "
			    "negative samples: tolerance is lost, the risk of overdose death is "
			    "highest",
			[D_NO_SCREENING] = "no AUDIT or DUDIT; due by %s",
			[D_WAITING] = "referred %s, not started after %d days",
			[D_WAITING_STARTED] = "referred %s, start on %s: %d days after the "
			    "referral",
			[D_DROPOUT_FOLLOWUP] = "dropped out, episode ended %s; no attended "
			    "contact since",
		},
		.check = {
			[CHECK_OVERDOSE] = "Overdose risk", [CHECK_DROPOUT_FOLLOWUP] = "Dropout follow-up",
			[CHECK_WAITING] = "Waiting", [CHECK_ALLIANCE] = "Alliance",
			[CHECK_FEEDBACK] = "Feedback (ORS)", [CHECK_SCREENING] = "Screening",
			[CHECK_NETWORK] = "Family and network", [CHECK_YOUTH_FAMILY] = "Youth: family",
			[CHECK_SUICIDE_RISK] = "Suicide risk", [CHECK_RELAPSE] = "Relapse",
			[CHECK_CRISIS_PLAN] = "Crisis plan", [CHECK_NO_CONTACT] = "No contact",
			[CHECK_NO_SHOW_RUN] = "No-shows in a row",
			[CHECK_TREATMENT_PLAN] = "Treatment plan", [CHECK_GOALS] = "Goals",
			[CHECK_GOAL_REVIEW] = "Goal review",
		},
		.guideline = {
			[CHECK_OVERDOSE] = "NO 8.2 Overdose and mortality risk",
			[CHECK_DROPOUT_FOLLOWUP] = "NO 5.4 Outreach after dropout",
			[CHECK_WAITING] = "NO 2.1 Start as soon as possible",
			[CHECK_ALLIANCE] = "NO 2.3 Treatment alliance",
			[CHECK_FEEDBACK] = "NO 1.2 Feedback from the patient",
			[CHECK_SCREENING] = "NO 3.1 Mapping substance use",
			[CHECK_NETWORK] = "NO 6.1 Family and network",
			[CHECK_YOUTH_FAMILY] = "NO 7.4 Family therapy for the young",
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
			[D_FEEDBACK_NEVER] = "ingen ORS registrert siden start %s",
			[D_FEEDBACK_GAP] = "ingen ORS registrert siden %s",
			[D_FEEDBACK_DROP] = "siste ORS %s er %s poeng under den første, %s: "
			    "reell forverring",
			[D_PHQ9_ALERT] = "PHQ-9 spørsmål 9 over 0 den %s; ingen "
			    "selvmordsvurdering gjennomført siden",
			[D_ALLIANCE] = "de to siste SRS, %s og %s, er under %s: snakk om "
			    "alliansen, tilby bytte av behandler",
			[D_NETWORK_GAP] = "ingen gjennomført nettverkssamtale med nettverket "
			    "til stede siden %s",
			[D_NETWORK_NONE] = "ingen gjennomført familie- eller nettverkssamtale; "
			    "frist %s",
			[D_YOUTH_FAMILY] = "under %ld år ved start (født %d), ingen gjennomført "
			    "familiesamtale; frist %s",
			[D_OVERDOSE_AFTER_STAY] = "opioidpositiv prøve %s%s, %d dager etter et "
			    "døgnopphold som sluttet %s: toleransen er borte, risikoen for "
			    "overdosedødsfall er størst",
			[D_OVERDOSE_AFTER_NEGATIVES] = "opioidpositiv prøve %s%s etter %ld "
			    "negative prøver: toleransen er borte, risikoen for "
			    "overdosedødsfall er størst",
			[D_NO_SCREENING] = "ingen AUDIT eller DUDIT; frist %s",
			[D_WAITING] = "henvist %s, ikke startet etter %d dager",
			[D_WAITING_STARTED] = "henvist %s, start %s: %d dager etter henvisningen",
			[D_DROPOUT_FOLLOWUP] = "avbrutt, episoden sluttet %s; ingen gjennomført "
			    "kontakt siden",
		},
		.check = {
			[CHECK_OVERDOSE] = "Overdoserisiko", [CHECK_DROPOUT_FOLLOWUP] = "Oppfølging etter avbrudd",
			[CHECK_WAITING] = "Ventetid", [CHECK_ALLIANCE] = "Behandlingsallianse",
			[CHECK_FEEDBACK] = "Tilbakemelding (ORS)", [CHECK_SCREENING] = "Kartlegging",
			[CHECK_NETWORK] = "Familie og nettverk", [CHECK_YOUTH_FAMILY] = "Unge: familie",
			[CHECK_SUICIDE_RISK] = "Selvmordsrisiko", [CHECK_RELAPSE] = "Tilbakefall",
			[CHECK_CRISIS_PLAN] = "Kriseplan", [CHECK_NO_CONTACT] = "Ingen kontakt",
			[CHECK_NO_SHOW_RUN] = "Uteblivelser på rad",
			[CHECK_TREATMENT_PLAN] = "Behandlingsplan", [CHECK_GOALS] = "Mål",
			[CHECK_GOAL_REVIEW] = "Evaluering av mål",
		},
		.guideline = {
			[CHECK_OVERDOSE] = "NO 8.2 Overdose- og dødelighetsrisiko",
			[CHECK_DROPOUT_FOLLOWUP] = "NO 5.4 Ambulante tjenester ved behandlingsavbrudd",
			[CHECK_WAITING] = "NO 2.1 Oppstart så raskt som mulig",
			[CHECK_ALLIANCE] = "NO 2.3 Behandlingsalliansen",
			[CHECK_FEEDBACK] = "NO 1.2 Tilbakemelding fra pasienten",
			[CHECK_SCREENING] = "NO 3.1 Kartlegging av rusmiddelbruk",
			[CHECK_NETWORK] = "NO 6.1 Familie og nettverk",
			[CHECK_YOUTH_FAMILY] = "NO 7.4 Familieterapi til unge",
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
			[D_FEEDBACK_NEVER] = "ingen ORS registrerad sedan start %s",
			[D_FEEDBACK_GAP] = "ingen ORS registrerad sedan %s",
			[D_FEEDBACK_DROP] = "senaste ORS %s är %s poäng under den första, %s: "
			    "tillförlitlig försämring",
			[D_PHQ9_ALERT] = "PHQ-9 fråga 9 över 0 den %s; ingen "
			    "suicidriskbedömning genomförd sedan",
			[D_ALLIANCE] = "de två senaste SRS, %s och %s, är under %s: tala om "
			    "alliansen, erbjud byte av behandlare",
			[D_NETWORK_GAP] = "inget genomfört nätverkssamtal med nätverket "
			    "närvarande sedan %s",
			[D_NETWORK_NONE] = "inget genomfört familje- eller nätverkssamtal; "
			    "senast %s",
			[D_YOUTH_FAMILY] = "under %ld år vid start (född %d), inget genomfört "
			    "familjesamtal; senast %s",
			[D_OVERDOSE_AFTER_STAY] = "opioidpositivt prov %s%s, %d dagar efter en "
			    "slutenvårdsvistelse som slutade %s: toleransen är borta, risken "
			    "för överdosdödsfall är störst",
			[D_OVERDOSE_AFTER_NEGATIVES] = "opioidpositivt prov %s%s efter %ld "
			    "negativa prov: toleransen är borta, risken för överdosdödsfall "
			    "är störst",
			[D_NO_SCREENING] = "ingen AUDIT eller DUDIT; senast %s",
			[D_WAITING] = "remitterad %s, inte startad efter %d dagar",
			[D_WAITING_STARTED] = "remitterad %s, start %s: %d dagar efter remissen",
			[D_DROPOUT_FOLLOWUP] = "avbrott, episoden slutade %s; ingen genomförd "
			    "kontakt sedan",
		},
		.check = {
			[CHECK_OVERDOSE] = "Överdosrisk", [CHECK_DROPOUT_FOLLOWUP] = "Uppföljning efter avbrott",
			[CHECK_WAITING] = "Väntetid", [CHECK_ALLIANCE] = "Behandlingsallians",
			[CHECK_FEEDBACK] = "Återkoppling (ORS)", [CHECK_SCREENING] = "Kartläggning",
			[CHECK_NETWORK] = "Familj och nätverk", [CHECK_YOUTH_FAMILY] = "Unga: familj",
			[CHECK_SUICIDE_RISK] = "Suicidrisk", [CHECK_RELAPSE] = "Återfall",
			[CHECK_CRISIS_PLAN] = "Krisplan", [CHECK_NO_CONTACT] = "Ingen kontakt",
			[CHECK_NO_SHOW_RUN] = "Uteblivanden i rad",
			[CHECK_TREATMENT_PLAN] = "Behandlingsplan", [CHECK_GOALS] = "Mål",
			[CHECK_GOAL_REVIEW] = "Utvärdering av mål",
		},
		.guideline = {
			[CHECK_OVERDOSE] = "NO 8.2 Överdos- och dödlighetsrisk",
			[CHECK_DROPOUT_FOLLOWUP] = "NO 5.4 Uppsökande efter avbrott",
			[CHECK_WAITING] = "NO 2.1 Start så snart som möjligt",
			[CHECK_ALLIANCE] = "NO 2.3 Behandlingsalliansen",
			[CHECK_FEEDBACK] = "NO 1.2 Återkoppling från patienten",
			[CHECK_SCREENING] = "NO 3.1 Kartläggning av substansbruk",
			[CHECK_NETWORK] = "NO 6.1 Familj och nätverk",
			[CHECK_YOUTH_FAMILY] = "NO 7.4 Familjeterapi för unga",
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
