/*
 * libFuzzer harness for plan-new's protocol files (cmd/plan-new/protocol.c):
 * the bytes are the rows of a protocol file under its header, read as
 * proto_read reads them but with bad rows going to a rejects file
 * (/dev/null) instead of stopping the process.  Must never crash, leak or
 * loop, and
 *   - every protocol kept prints (--print-protocol) as a protocol file
 *     that reads back to a protocol printing the same bytes.
 *
 * The Makefile builds harnesses from common/ only, so the tool's logic is
 * compiled in here.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz_rows.h"

#include "../../cmd/plan-new/protocol.c"

static const char header[] = "protocol,phase,week_from,week_to,days,activity,topics\n";

/* proto_read without its strict reader: a bad row is rejected, not fatal. */
static void
read_rows(struct proto_set *set, struct rd_reader *r)
{
	struct rd_record rec;
	size_t first_new = set->n;
	int col[NCOLS];

	for (int i = 0; i < NCOLS; i++)
		if ((col[i] = rd_col(r, proto_columns[i])) < 0)
			abort();
	while (rd_next_good(r, &rec) > 0) {
		struct proto_row row;
		struct protocol *p;
		int modality;

		if (!read_row(r, &rec, col, &modality, &row))
			continue;
		if ((p = protocol_for_row(set, &first_new, modality, r, &rec,
		    "fuzz")) == NULL) {
			free_row(&row);
			continue;
		}
		row.phase = rd_strndup(rec.f[col[C_PHASE]], rec.len[col[C_PHASE]]);
		add_row(p, &row);
		(void)add_to_phase(r, &rec, col[C_WEEK_FROM], p, &p->row[p->nrow - 1]);
	}
}

/* A protocol as --print-protocol writes it (with its header), in memory. */
static char *
print(const struct protocol *p, size_t *len)
{
	int fd = memfd_create("fuzz-protocol", MFD_CLOEXEC);
	struct rd_writer_config cfg = { 0 };
	struct rd_writer *w;
	char *text;
	off_t n;

	if (fd < 0)
		abort();
	w = rd_writer_new_config(fd, &cfg);
	proto_print(w, p);
	rd_writer_close(w);
	n = lseek(fd, 0, SEEK_END);
	text = malloc((size_t)n + 1);
	if (text == NULL || pread(fd, text, (size_t)n, 0) != n)
		abort();
	text[n] = '\0';
	close(fd);
	*len = (size_t)n;
	return text;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct proto_set set = { 0 };
	struct rd_reader *r = fuzz_open_rows("fuzz_plan-new-protocol", header, data,
	    size, NULL);

	if (r == NULL)
		return 0;
	read_rows(&set, r);
	rd_close(r);
	for (size_t i = 0; i < set.n; i++) {
		struct rd_reader_config cfg = { .delim = ',', .max_field_bytes = 1 << 16 };
		struct proto_set again = { 0 };
		size_t len, len2;
		char *text = print(&set.p[i], &len), *text2;

		r = rd_open_mem("printed", text, len, &cfg);
		read_rows(&again, r);
		rd_close(r);
		if (again.n != 1)
			abort();
		text2 = print(&again.p[0], &len2);
		if (len != len2 || memcmp(text, text2, len) != 0)
			abort();
		free(text);
		free(text2);
		proto_set_free(&again);
	}
	proto_set_free(&set);
	return 0;
}
