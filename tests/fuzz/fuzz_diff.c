/*
 * Differential libFuzzer harness: the quote-free fast path and libcsv must
 * give the same records, field for field, with the same line numbers and
 * the same verdict (good or bad) for every record.  A bad record too
 * holds the same fields (a line that does not parse is its raw text).
 * The first input byte, when it is a digit N, makes every record need N
 * fields, so a quoted field that runs over a line end into a record of
 * another width is recovered from (rejected as its first line) on both
 * paths alike.
 */
#include <stdlib.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "reader.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rd_reader_config fast_cfg = { .delim = ',', .no_header = true,
	    .max_field_bytes = 64 };
	struct rd_reader_config slow_cfg = fast_cfg;
	struct rd_reader *fast, *slow;
	struct rd_record a, b;
	int got_a, got_b;

	if (size > 0 && data[0] >= '1' && data[0] <= '9') {
		fast_cfg.expect_fields = (size_t)(data[0] - '0');
		data++;
		size--;
	}
	slow_cfg = fast_cfg;
	slow_cfg.no_fast_path = true;
	fast = rd_open_mem("fuzz", data, size, &fast_cfg);
	slow = rd_open_mem("fuzz", data, size, &slow_cfg);
	do {
		got_a = rd_next(fast, &a);
		got_b = rd_next(slow, &b);
		if (got_a != got_b)
			abort();
		if (got_a == 0)
			break;
		if (a.line != b.line || rd_error(fast)->line != rd_error(slow)->line)
			abort();
		if (a.n != b.n)
			abort();
		for (size_t i = 0; i < a.n; i++)
			if (a.len[i] != b.len[i] || memcmp(a.f[i], b.f[i], a.len[i]) != 0)
				abort();
	} while (got_a != 0);
	rd_close(fast);
	rd_close(slow);
	return 0;
}
