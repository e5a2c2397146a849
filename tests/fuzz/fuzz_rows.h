/*
 * Shared by the harnesses of a tool's row handling: the fuzzer's bytes
 * become the rows under a fixed header, and every bad row goes to a
 * rejects file (/dev/null) instead of stopping the process.
 */
#ifndef FUZZ_ROWS_H
#define FUZZ_ROWS_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "opts.h"
#include "reader.h"

/*
 * A reader over header + data; NULL when out of memory.  The first call
 * sets up the shared options, then calls after_init (may be NULL) for the
 * tool's own set-up, such as a built-in map.
 */
static struct rd_reader *
fuzz_open_rows(const char *prog, const char *header, const uint8_t *data,
    size_t size, void (*after_init)(void))
{
	static int ready;
	struct rd_reader_config cfg = { .delim = ',', .max_field_bytes = 256 };
	size_t header_len = strlen(header);
	char *buf = malloc(header_len + size);
	struct rd_reader *r;

	if (!ready) {
		rd_opts_init(prog, "");
		rd_opt.rejects_path = "/dev/null";
		rd_opts_done();
		if (after_init != NULL)
			after_init();
		ready = 1;
	}
	if (buf == NULL)
		return NULL;
	memcpy(buf, header, header_len);
	if (size > 0)
		memcpy(buf + header_len, data, size);
	r = rd_open_mem("fuzz", buf, header_len + size, &cfg);
	free(buf);
	return r;
}

#endif
