/*
 * libFuzzer harness: the input fix-ups of --trim and --iexcel, Excel's
 * "sep=" first line and the missing-column hints on any bytes.  The first
 * byte picks the settings; the rest follows a fixed header, so the reader
 * never stops the process.  Every record read must keep its fields
 * NUL-terminated at their lengths, trimmed ones without blanks around them.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "colhint.h"
#include "reader.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char header[] = "patient_id,date\n", sep[] = "sep=;\n";
	struct rd_reader_config cfg = { .delim = ',', .max_field_bytes = 64 };
	struct rd_reader *r;
	struct rd_record rec;
	char *text, hint[160];
	size_t len = 0;

	if (size == 0)
		return 0;
	cfg.trim = data[0] & 1;
	cfg.excel = data[0] & 2;
	cfg.no_fast_path = data[0] & 4;
	if ((text = malloc(sizeof sep + sizeof header + size)) == NULL)
		return 0;
	if (data[0] & 8) {
		memcpy(text, sep, sizeof sep - 1);
		len = sizeof sep - 1;
	}
	memcpy(text + len, header, sizeof header - 1);
	len += sizeof header - 1;
	memcpy(text + len, data + 1, size - 1);
	len += size - 1;
	r = rd_open_mem("fuzz", text, len, &cfg);
	while (rd_next(r, &rec) != 0) {
		for (size_t i = 0; i < rec.n; i++) {
			if (rec.f[i][rec.len[i]] != '\0')
				abort();
			if (cfg.trim && rec.len[i] > 0 &&
			    (memchr(" \t", rec.f[i][0], 2) || memchr(" \t", rec.f[i][rec.len[i] - 1], 2)))
				abort();
		}
		/* Any record as a header: the hints read it without harm. */
		rd_col_hint(&rec, false, "patient_id", hint, sizeof hint);
	}
	rd_close(r);
	free(text);
	return 0;
}
