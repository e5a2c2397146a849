/*
 * The words of the text and html report, one table per language.  The
 * Norwegian and Swedish ones use the words of the guideline and method
 * texts the toolkit serves where they have one (shared/seeds: "I
 * behandling", "urinprøver", "selvhjelpsgrupper", "oppmøte", "avbrudd";
 * "kvar i behandling", "urinprov", "drogfri").  CSV and TSV keep the
 * English column names: they are the machine interface.
 */
#include <string.h>

#include "report.h"

const struct labels report_labels[RD_NLANGS] = {
	[RD_LANG_EN] = {
		.title = "Outcome report",
		.total = "Total",
		.blank = "(blank)",
		.col = {
			"Episodes", "Patients", "Retained at 30 days",
			"Retained at 90 days", "Retained at 180 days", "Completed",
			"Dropped out", "Median length of stay (days)", "Attendance",
			"Self-help meetings", "Negative urine samples",
			"Abstinent last 28 days", "Mean GAS T-score", "Goals met",
			"ORS improved", "Median wait (days)", "Started in time",
			"Planned end", "Screened (AUDIT/DUDIT)", "Network involved",
			"ORS deteriorated",
		},
		.by = { "Clinic", "Programme", "Age group", "Start year",
		    "Start quarter" },
		.scope_both = "As of %s; episodes started %s to %s.",
		.scope_from = "As of %s; episodes started from %s.",
		.scope_to = "As of %s; episodes started up to %s.",
		.scope_all = "As of %s; all episodes started by then.",
		.text_intervals = "Shares with Wilson 95% intervals; blank: unknown; ",
		.text_suppressed = "*: suppressed (a count from 1 to %ld).",
		.text_no_suppression = "no small-cell suppression.",
		.html_intervals = "Shares with Wilson 95% intervals (below each "
		    "share, and as whiskers in the charts). Blank: unknown.",
		.html_suppressed = "*: suppressed, a count from 1 to %ld.",
		.html_no_suppression = "No small-cell suppression.",
		.urine_ignore = "Urine: missing, refused and invalid samples left out.",
		.urine_positive = "Urine: missing, refused and invalid samples count "
		    "as positive.",
		.chart_suppressed = "suppressed (small count)",
		.chart_unknown = "unknown",
		.chart_title = "%s by group, with Wilson 95%% intervals",
	},
	[RD_LANG_NB] = {
		.title = "Resultatrapport",
		.total = "Totalt",
		.blank = "(tom)",
		.col = {
			"Episoder", "Pasienter", "I behandling etter 30 dager",
			"I behandling etter 90 dager", "I behandling etter 180 dager",
			"Fullført", "Avbrudd", "Median behandlingstid (dager)",
			"Oppmøte", "Selvhjelpsgrupper", "Negative urinprøver",
			"Rusfri siste 28 dager", "Gjennomsnittlig GAS T-skår",
			"Mål nådd", "ORS bedret", "Median ventetid (dager)",
			"Startet i tide", "Planlagt avslutning", "Kartlagt (AUDIT/DUDIT)",
			"Nettverk involvert", "ORS forverret",
		},
		.by = { "Klinikk", "Behandlingsform", "Aldersgruppe", "Startår",
		    "Startkvartal" },
		.scope_both = "Per %s; episoder startet %s til %s.",
		.scope_from = "Per %s; episoder startet fra %s.",
		.scope_to = "Per %s; episoder startet til og med %s.",
		.scope_all = "Per %s; alle episoder startet innen da.",
		.text_intervals = "Andeler med Wilsons 95 %-intervall; tomt: ukjent; ",
		.text_suppressed = "*: skjult (et antall fra 1 til %ld).",
		.text_no_suppression = "små tall skjules ikke.",
		.html_intervals = "Andeler med Wilsons 95 %-intervall (under hver "
		    "andel, og som feilstreker i diagrammene). Tomt: ukjent.",
		.html_suppressed = "*: skjult, et antall fra 1 til %ld.",
		.html_no_suppression = "Små tall skjules ikke.",
		.urine_ignore = "Urin: manglende, nektede og ugyldige prøver er "
		    "utelatt.",
		.urine_positive = "Urin: manglende, nektede og ugyldige prøver regnes "
		    "som positive.",
		.chart_suppressed = "skjult (lite antall)",
		.chart_unknown = "ukjent",
		.chart_title = "%s per gruppe, med Wilsons 95 %%-intervall",
	},
	[RD_LANG_SV] = {
		.title = "Resultatrapport",
		.total = "Totalt",
		.blank = "(tom)",
		.col = {
			"Episoder", "Patienter", "Kvar i behandling efter 30 dagar",
			"Kvar i behandling efter 90 dagar",
			"Kvar i behandling efter 180 dagar", "Fullföljd", "Avbrott",
			"Median vårdtid (dagar)", "Närvaro", "Självhjälpsgrupper",
			"Negativa urinprov", "Drogfri senaste 28 dagarna",
			"Genomsnittlig GAS T-poäng", "Mål uppnådda", "ORS förbättrad",
			"Median väntetid (dagar)", "Startad i tid", "Planerat avslut",
			"Kartlagd (AUDIT/DUDIT)", "Nätverk involverat", "ORS försämrad",
		},
		.by = { "Klinik", "Behandlingsform", "Åldersgrupp", "Startår",
		    "Startkvartal" },
		.scope_both = "Per %s; episoder som startade %s till %s.",
		.scope_from = "Per %s; episoder som startade från %s.",
		.scope_to = "Per %s; episoder som startade till och med %s.",
		.scope_all = "Per %s; alla episoder som startat dittills.",
		.text_intervals = "Andelar med Wilsons 95 %-intervall; tomt: okänt; ",
		.text_suppressed = "*: dolt (ett antal från 1 till %ld).",
		.text_no_suppression = "små tal döljs inte.",
		.html_intervals = "Andelar med Wilsons 95 %-intervall (under varje "
		    "andel och som felstaplar i diagrammen). Tomt: okänt.",
		.html_suppressed = "*: dolt, ett antal från 1 till %ld.",
		.html_no_suppression = "Små tal döljs inte.",
		.urine_ignore = "Urin: saknade, vägrade och ogiltiga prov utelämnas.",
		.urine_positive = "Urin: saknade, vägrade och ogiltiga prov räknas "
		    "som positiva.",
		.chart_suppressed = "dolt (litet antal)",
		.chart_unknown = "okänt",
		.chart_title = "%s per grupp, med Wilsons 95 %%-intervall",
	},
};

/* The grouping columns with a label; any other column shows its own name. */
static const char *const by_names[NBY_LABELS] = {
	"clinic", "modality", "age_group", "start_year", "start_quarter"
};

const char *
label_by(enum rd_lang lang, const char *column)
{
	for (size_t i = 0; i < NBY_LABELS; i++)
		if (strcmp(column, by_names[i]) == 0)
			return report_labels[lang].by[i];
	return column;
}

/* "0.8125" as the language writes it: a decimal comma in nb and sv. */
void
label_number(enum rd_lang lang, char *s)
{
	if (lang == RD_LANG_EN)
		return;
	for (; *s; s++)
		if (*s == '.')
			*s = ',';
}
